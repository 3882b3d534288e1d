using System.Net;

namespace Factory.Host.Tests;

/// <summary>Work instructions per operation (#17): from the plant file and the API to the work order's view; links only http(s).</summary>
public sealed class WorkInstructionsTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task The_demo_plant_and_a_new_order_carry_their_instructions_and_a_link()
    {
        var client = await app.ReadyClientAsync();
        var demo = Op(await (await client.GetAsync("/api/v1/workorders/WO-1001")).OkJsonAsync(), 10);
        Assert.StartsWith("Check the drill bit", demo.GetProperty("instructions").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://docs.example.com/work-instructions/drill", demo.GetProperty("instructionsUrl").GetString());

        var created = await (await client.PostJsonAsync("/api/v1/workorders", Order("WI-1", "  Clamp at both stops.\nDeburr.  ", " https://intranet.example/wi/10 "))).OkJsonAsync(HttpStatusCode.Created);
        var op = Op(created, 10);
        Assert.Equal("Clamp at both stops.\nDeburr.", op.GetProperty("instructions").GetString());
        Assert.Equal("https://intranet.example/wi/10", op.GetProperty("instructionsUrl").GetString());
        var plain = Op(await (await client.PostJsonAsync("/api/v1/workorders", Order("WI-2", " ", null))).OkJsonAsync(HttpStatusCode.Created), 10);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.GetProperty("instructions").ValueKind);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a link")]
    public async Task A_link_that_is_not_http_is_refused_and_no_order_is_made(string link)
    {
        var client = await app.ReadyClientAsync();
        var problem = await (await client.PostJsonAsync("/api/v1/workorders", Order("WI-BAD", "text", link))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("instructionsUrl", problem.GetRawText(), StringComparison.Ordinal);
        await (await client.GetAsync("/api/v1/workorders/WI-BAD")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Instructions_longer_than_the_limit_are_refused()
    {
        var client = await app.ReadyClientAsync();
        var problem = await (await client.PostJsonAsync("/api/v1/workorders", Order("WI-LONG", new string('x', 2001), null))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("2000", problem.GetRawText(), StringComparison.Ordinal);
    }

    private static object Order(string id, string? instructions, string? link) => new
    {
        id, siteId = "plant-1", product = "Bracket", quantity = 5, dueDate = DateTimeOffset.UtcNow.AddDays(20), priority = 1,
        operations = new object[] { new { sequence = 10, name = "Mill", capability = "mill", standardDurationSeconds = 60, instructions, instructionsUrl = link } },
    };

    private static System.Text.Json.JsonElement Op(System.Text.Json.JsonElement order, int sequence) =>
        order.GetProperty("operations").EnumerateArray().Single(o => o.GetProperty("sequence").GetInt32() == sequence);
}
