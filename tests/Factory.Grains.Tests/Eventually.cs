namespace Factory.Grains.Tests;

/// <summary>Waits for an asynchronous outcome (timers, one-way messages) with a generous bound.</summary>
internal static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        T value;
        while (!done(value = await read()))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"condition not met in time; last value: {value}");
            }

            await Task.Delay(20);
        }

        return value;
    }
}
