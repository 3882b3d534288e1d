using System.Net;

namespace Factory.Host.Tests;

public sealed class WorkApiTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    private static object Order(string id, string capability = "mill", string skill = "machining", object[]? ops = null) => new
    {
        id,
        siteId = "plant-1",
        product = "Test part",
        quantity = 5,
        dueDate = DateTimeOffset.UtcNow.AddHours(6),
        priority = 2,
        operations = ops ?? [new { sequence = 10, name = "Op", capability, skill, minSkillLevel = 1, standardDurationSeconds = 600 }],
    };

    [Fact]
    public async Task A_work_order_is_created_once()
    {
        var client = await app.ReadyClientAsync();

        var created = await (await client.PostJsonAsync("/api/v1/workorders", Order("T-CREATE"))).OkJsonAsync(HttpStatusCode.Created);
        Assert.Equal("T-CREATE", created.GetProperty("id").GetString());
        await (await client.GetAsync("/api/v1/workorders/T-CREATE")).OkJsonAsync();
        var site = await (await client.GetAsync("/api/v1/sites/plant-1")).OkJsonAsync();
        Assert.Contains("T-CREATE", site.GetProperty("workOrderIds").EnumerateArray().Select(e => e.GetString()));

        await (await client.PostJsonAsync("/api/v1/workorders", Order("T-CREATE"))).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Invalid_work_orders_are_400_and_not_created()
    {
        var client = await app.ReadyClientAsync();
        await (await client.PostJsonAsync("/api/v1/workorders", Order("T-NOOPS", ops: []))).ProblemAsync(HttpStatusCode.BadRequest);
        var backwards = new object[]
        {
            new { sequence = 20, capability = "mill", standardDurationSeconds = 60 },
            new { sequence = 10, capability = "mill", standardDurationSeconds = 60 },
        };
        await (await client.PostJsonAsync("/api/v1/workorders", Order("T-BACK", ops: backwards))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/workorders", new { id = "T-NOSITE", siteId = "mars", dueDate = DateTimeOffset.UtcNow, operations = backwards }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var unreadable = await (await client.PostRawAsync("/api/v1/workorders", "not json")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("invalid", unreadable.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);

        foreach (var id in new[] { "T-NOOPS", "T-BACK", "T-NOSITE" })
        {
            await (await client.GetAsync($"/api/v1/workorders/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_valid_assignment_is_accepted()
    {
        var client = await app.ReadyClientAsync();
        await (await client.PostJsonAsync("/api/v1/workorders", Order("T-ASSIGN"))).OkJsonAsync(HttpStatusCode.Created);

        var order = await (await client.PutJsonAsync("/api/v1/workorders/T-ASSIGN/operations/10/assignment", new { machineId = "CNC-01", workerId = "W01" })).OkJsonAsync();

        var op = order.GetProperty("operations")[0];
        Assert.Equal("CNC-01", op.GetProperty("machineId").GetString());
        Assert.Equal("W01", op.GetProperty("workerId").GetString());
    }

    [Fact]
    public async Task A_managers_move_holds_across_the_re_plans_that_follow()
    {
        var client = await app.ReadyClientAsync();
        await (await client.PostJsonAsync("/api/v1/workorders", Order("T-HOLD"))).OkJsonAsync(HttpStatusCode.Created);
        string? Planned(System.Text.Json.JsonElement plan) => plan.GetProperty("operations").EnumerateArray()
            .Where(o => o.GetProperty("workOrderId").GetString() == "T-HOLD").Select(o => o.GetProperty("machineId").GetString()).FirstOrDefault();
        var until = DateTime.UtcNow.AddSeconds(20);
        string? first;
        while ((first = Planned(await (await client.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync())) is null && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
        }

        Assert.NotNull(first);
        var other = first == "CNC-01" ? "CNC-02" : "CNC-01";
        await (await client.PutJsonAsync("/api/v1/workorders/T-HOLD/operations/10/assignment", new { machineId = other, workerId = "W01" })).OkJsonAsync();

        // The re-plan for the move, the optimizer after it, and whatever follows: none takes it back.
        for (var i = 0; i < 25; i++)
        {
            await Task.Delay(200);
            var op = (await (await client.GetAsync("/api/v1/workorders/T-HOLD")).OkJsonAsync()).GetProperty("operations")[0];
            Assert.Equal(other, op.GetProperty("machineId").GetString());
        }

        Assert.Equal(other, Planned(await (await client.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync()));
    }

    [Theory]
    [InlineData("mill", "machining", "DRL-01", "W01", HttpStatusCode.Conflict, "lacks capability")]
    [InlineData("mill", "machining", "CNC-01", "W08", HttpStatusCode.Conflict, "not clocked in")]
    [InlineData("weld", "welding", "WLD-01", "W04", HttpStatusCode.Conflict, "expired")]
    [InlineData("pack", "packaging", "PCK-01", "W01", HttpStatusCode.Conflict, "does not hold skill")]
    [InlineData("mill", "machining", "CNC-01", "NOBODY", HttpStatusCode.NotFound, "does not exist")]
    [InlineData("mill", "machining", "NOWHERE", "W01", HttpStatusCode.NotFound, "does not exist")]
    public async Task A_broken_rule_is_refused_with_its_reason_and_changes_nothing(
        string capability, string skill, string machine, string worker, HttpStatusCode status, string reason)
    {
        var client = await app.ReadyClientAsync();
        var id = $"T-{Guid.NewGuid():N}"[..12];
        await (await client.PostJsonAsync("/api/v1/workorders", Order(id, capability, skill))).OkJsonAsync(HttpStatusCode.Created);

        var problem = await (await client.PutJsonAsync($"/api/v1/workorders/{id}/operations/10/assignment", new { machineId = machine, workerId = worker }))
            .ProblemAsync(status);

        Assert.Contains(reason, problem.GetProperty("detail").GetString());
        // The dispatcher may give the new order a planned assignment meanwhile, but never the refused one.
        var op = (await (await client.GetAsync($"/api/v1/workorders/{id}")).OkJsonAsync()).GetProperty("operations")[0];
        Assert.False(op.GetProperty("machineId").GetString() == machine && op.GetProperty("workerId").GetString() == worker,
            $"the refused assignment {machine}/{worker} was applied");
        Assert.False(op.GetProperty("pinned").GetBoolean());
    }

    [Fact]
    public async Task Assignment_bad_input_is_400_and_unknown_operation_404()
    {
        var client = await app.ReadyClientAsync();
        await (await client.PutJsonAsync("/api/v1/workorders/WO-1001/operations/10/assignment", new { machineId = "CNC-01" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PutJsonAsync("/api/v1/workorders/WO-1001/operations/999/assignment", new { machineId = "CNC-01", workerId = "W01" }))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutJsonAsync("/api/v1/workorders/NOPE/operations/10/assignment", new { machineId = "CNC-01", workerId = "W01" }))
            .ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Clocking_in_and_out()
    {
        var client = await app.ReadyClientAsync();
        var worker = await (await client.PostAsync("/api/v1/workers/W11/clock-in", null)).OkJsonAsync();
        Assert.True(worker.GetProperty("clockedIn").GetBoolean());
        await (await client.PostAsync("/api/v1/workers/W11/clock-in", null)).ProblemAsync(HttpStatusCode.Conflict);
        worker = await (await client.PostAsync("/api/v1/workers/W11/clock-out", null)).OkJsonAsync();
        Assert.False(worker.GetProperty("clockedIn").GetBoolean());
        await (await client.PostAsync("/api/v1/workers/W11/clock-out", null)).ProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsync("/api/v1/workers/NOPE/clock-in", null)).ProblemAsync(HttpStatusCode.NotFound);
    }
}
