using System.Net;

namespace Factory.Host.Tests;

public sealed class MachineCommandApiTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task A_legal_command_is_applied()
    {
        var client = await app.ReadyClientAsync();

        var machine = await (await client.PostJsonAsync("/api/v1/machines/CNC-04/commands", new { command = "Start" })).OkJsonAsync();

        Assert.Equal("Starting", machine.GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_illegal_command_is_409_and_changes_nothing()
    {
        var client = await app.ReadyClientAsync();
        var before = await (await client.GetAsync("/api/v1/machines/CNC-01")).OkJsonAsync();

        var problem = await (await client.PostJsonAsync("/api/v1/machines/CNC-01/commands", new { command = "Clear" })).ProblemAsync(HttpStatusCode.Conflict);

        // The demo's machines wait in Idle for their first job.
        Assert.Contains("Clear", problem.GetProperty("detail").GetString());
        Assert.Contains("Idle", problem.GetProperty("detail").GetString());
        var after = await (await client.GetAsync("/api/v1/machines/CNC-01")).OkJsonAsync();
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal("Idle", after.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("""{"command":"Jump"}""")]
    [InlineData("""{"command":"3"}""")]
    [InlineData("""{"command":""}""")]
    [InlineData("""{}""")]
    public async Task An_unknown_command_is_400(string body)
    {
        var client = await app.ReadyClientAsync();
        await (await client.PostRawAsync("/api/v1/machines/CNC-02/commands", body)).ProblemAsync(HttpStatusCode.BadRequest);
        var after = await (await client.GetAsync("/api/v1/machines/CNC-02")).OkJsonAsync();
        Assert.Equal("Idle", after.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_400_problem_details()
    {
        var client = await app.ReadyClientAsync();
        await (await client.PostRawAsync("/api/v1/machines/CNC-02/commands", "{\"command\":")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_command_to_an_unknown_machine_is_404()
    {
        var client = await app.ReadyClientAsync();
        await (await client.PostJsonAsync("/api/v1/machines/NOPE/commands", new { command = "Start" })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_setpoint_for_a_machine_without_a_plc_is_409_and_for_an_unknown_one_404()
    {
        var client = await app.ReadyClientAsync();
        await (await client.PutJsonAsync("/api/v1/machines/CNC-02/setpoint", new { speed = 3 })).ProblemAsync(HttpStatusCode.Conflict);
        await (await client.PutJsonAsync("/api/v1/machines/NOPE/setpoint", new { speed = 3 })).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutJsonAsync("/api/v1/machines/CNC-02/setpoint", new { })).ProblemAsync(HttpStatusCode.BadRequest);
    }
}
