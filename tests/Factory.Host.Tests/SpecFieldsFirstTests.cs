namespace Factory.Host.Tests;

/// <summary>A view's JSON reads as before views derived from their specs: the spec's fields first, then where it stands.</summary>
public sealed class SpecFieldsFirstTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task A_machine_and_an_operation_start_with_their_spec()
    {
        var client = await app.ReadyClientAsync();

        var machine = await (await client.GetAsync("/api/v1/machines/CNC-01")).OkJsonAsync();
        Assert.Equal(["id", "siteId", "lineId", "name", "capabilities", "idealCycleTimeSeconds", "holdExtensions", "initialState", "source", "state"],
            machine.EnumerateObject().Take(10).Select(p => p.Name));

        var orders = await (await client.GetAsync("/api/v1/workorders")).OkJsonAsync();
        var operation = orders.EnumerateArray().First().GetProperty("operations").EnumerateArray().First();
        Assert.Equal(["sequence", "name", "capability"], operation.EnumerateObject().Take(3).Select(p => p.Name));
    }
}
