namespace Factory.Mqtt.Tests;

/// <summary>Polls until a condition holds (values cross a broker, a connector and a grain asynchronously).</summary>
internal static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        T last = await read();
        while (!condition(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what ?? "condition"} did not hold in time; last: {last}");
            }

            await Task.Delay(50);
            last = await read();
        }

        return last;
    }
}
