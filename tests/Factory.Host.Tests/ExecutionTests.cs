using System.Net;
using System.Text.Json;
using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Microsoft.Extensions.DependencyInjection;

namespace Factory.Host.Tests;

/// <summary>
/// The plan meets the floor, end to end over real OPC UA: the built-in simulator runs the jobs the host releases to it
/// (its clock 4× fast), and the host follows each operation from release to completion from what the PLC reports.
/// </summary>
public sealed class ExecutionTests(ExecutionTests.App app) : IClassFixture<ExecutionTests.App>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task An_order_runs_its_operations_in_sequence_across_machines_and_completes_with_every_part_counted_once()
    {
        var client = await ConnectedAsync();
        await CreateAsync(client, "EX-SEQ", quantity: 30);

        var done = await WaitOrderAsync(client, "EX-SEQ", o => o.GetProperty("status").GetString() == "Completed");

        var ops = done.GetProperty("operations").EnumerateArray().ToList();
        Assert.All(ops, op => Assert.Equal("Completed", op.GetProperty("status").GetString()));
        Assert.All(ops, op => Assert.Equal(30, op.GetProperty("good").GetInt64()));
        var cut = Assert.Single(ops[0].GetProperty("runs").EnumerateArray());
        var pack = Assert.Single(ops[1].GetProperty("runs").EnumerateArray());
        Assert.StartsWith("CUT-", cut.GetProperty("machineId").GetString());
        Assert.Equal("PACK-1", pack.GetProperty("machineId").GetString());
        Assert.True(pack.GetProperty("startedAt").GetDateTimeOffset() >= cut.GetProperty("endedAt").GetDateTimeOffset(), "packing started before cutting ended");
        Assert.Equal("W3", pack.GetProperty("workerId").GetString());
        Assert.Equal(30, done.GetProperty("good").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("completedAt").ValueKind);
    }

    [Fact]
    public async Task A_failure_mid_operation_keeps_what_was_made_and_the_rest_is_made_on_another_machine()
    {
        var client = await ConnectedAsync();
        await CreateAsync(client, "EX-FAIL", quantity: 60);
        var running = await WaitOrderAsync(client, "EX-FAIL", o => Op(o, 10) is var op && op.GetProperty("status").GetString() == "Running" && op.GetProperty("good").GetInt64() >= 10);
        var failed = Op(running, 10).GetProperty("machineId").GetString()!;

        await (await client.PostJsonAsync($"/api/v1/machines/{failed}/commands", new { command = "Abort" })).OkJsonAsync(HttpStatusCode.Accepted);

        var done = await WaitOrderAsync(client, "EX-FAIL", o => o.GetProperty("status").GetString() == "Completed");
        var runs = Op(done, 10).GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        Assert.Equal((failed, "Interrupted"), (runs[0].GetProperty("machineId").GetString(), runs[0].GetProperty("outcome").GetString()));
        Assert.NotEqual(failed, runs[1].GetProperty("machineId").GetString());
        Assert.Equal("Completed", runs[1].GetProperty("outcome").GetString());
        var first = runs[0].GetProperty("good").GetInt64();
        Assert.True(first >= 10, $"the interrupted run kept {first} parts");
        // What the failed machine made stays credited; the other machine made exactly the rest.
        Assert.Equal(60 - first, runs[1].GetProperty("good").GetInt64());
        Assert.Equal(60, Op(done, 10).GetProperty("good").GetInt64());

        // Hand the machine back as the plant file gives it (Idle), for the tests after this one: Clear, then Reset.
        await (await client.PostJsonAsync($"/api/v1/machines/{failed}/commands", new { command = "Clear" })).OkJsonAsync(HttpStatusCode.Accepted);
        await WaitAsync(async () => await (await client.GetAsync($"/api/v1/machines/{failed}")).OkJsonAsync(), m => m.GetProperty("state").GetString() == "Stopped");
        await (await client.PostJsonAsync($"/api/v1/machines/{failed}/commands", new { command = "Reset" })).OkJsonAsync(HttpStatusCode.Accepted);
        await WaitAsync(async () => await (await client.GetAsync($"/api/v1/machines/{failed}")).OkJsonAsync(), m => m.GetProperty("state").GetString() == "Idle");
    }

    [Fact]
    public async Task A_PLC_that_reports_another_job_is_flagged_and_its_parts_are_not_credited()
    {
        var client = await ConnectedAsync();
        var machine = await RunningAsync(client, "EX-ODD", quantity: 400);

        // Someone at the machine loads another job: the PLC now reports WO-OTHER/5 and counts parts for it.
        await using (var plc = await PlcAsync(client))
        {
            Assert.True((await plc.WriteValueAsync(NodeId.Parse($"ns=2;s={machine}.JobId"), new Variant("WO-OTHER/5"))).IsGood);
        }

        var flagged = await WaitAsync(async () => await (await client.GetAsync($"/api/v1/machines/{machine}")).OkJsonAsync(),
            m => m.GetProperty("job").GetProperty("mismatch").GetString()?.Contains("WO-OTHER/5") == true);
        var credited = flagged.GetProperty("job").GetProperty("good").GetInt64();
        var produced = flagged.GetProperty("telemetry").GetProperty("goodCount").GetInt64();
        await WaitAsync(async () => await (await client.GetAsync($"/api/v1/machines/{machine}")).OkJsonAsync(),
            m => m.GetProperty("telemetry").GetProperty("goodCount").GetInt64() >= produced + 10);
        var later = await (await client.GetAsync("/api/v1/workorders/EX-ODD")).OkJsonAsync();
        Assert.Equal(credited, Op(later, 10).GetProperty("good").GetInt64());

        var cancelled = await (await client.PostJsonAsync("/api/v1/workorders/EX-ODD/cancel", new { reason = "test over" })).OkJsonAsync();
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        Assert.All(cancelled.GetProperty("operations").EnumerateArray(), op => Assert.Equal("Cancelled", op.GetProperty("status").GetString()));
        await WaitAsync(async () => await (await client.GetAsync($"/api/v1/machines/{machine}")).OkJsonAsync(),
            m => m.GetProperty("job").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task A_PLC_that_loses_its_job_is_given_what_is_left_of_it_and_the_order_completes()
    {
        var client = await ConnectedAsync();
        var machine = await RunningAsync(client, "EX-LOST", quantity: 120);

        // The PLC loses the job (as after its restart, or the job cleared at its panel): it reports none.
        await using var plc = await PlcAsync(client);
        var jobId = NodeId.Parse($"ns=2;s={machine}.JobId");
        Assert.True((await plc.WriteValueAsync(jobId, new Variant(""))).IsGood);
        var made = Op(await (await client.GetAsync("/api/v1/workorders/EX-LOST")).OkJsonAsync(), 10).GetProperty("good").GetInt64();

        // The host writes the job again, with what is left of it to make.
        for (var deadline = DateTime.UtcNow + Bound; (await plc.ReadValueAsync(jobId)).Value.Value as string != "EX-LOST/10"; await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < deadline, "the job was not written again");
        }

        var quantity = Convert.ToInt64((await plc.ReadValueAsync(NodeId.Parse($"ns=2;s={machine}.JobQuantity"))).Value.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(quantity, 1, 120 - made);

        var done = await WaitOrderAsync(client, "EX-LOST", o => o.GetProperty("status").GetString() == "Completed");
        Assert.All(done.GetProperty("operations").EnumerateArray(), op => Assert.Equal(120, op.GetProperty("good").GetInt64()));
    }

    /// <summary>Creates the order and answers the machine its first operation runs on, once it made parts.</summary>
    private static async Task<string> RunningAsync(HttpClient client, string id, int quantity)
    {
        await CreateAsync(client, id, quantity);
        var running = await WaitOrderAsync(client, id, o => Op(o, 10) is var op && op.GetProperty("status").GetString() == "Running" && op.GetProperty("good").GetInt64() > 0);
        return Op(running, 10).GetProperty("machineId").GetString()!;
    }

    /// <summary>
    /// A session with the simulated PLC, as someone at the machine: writing takes a logged-in user (the simulator refuses
    /// anonymous writes), the host's connector user.
    /// </summary>
    private async Task<OpcUaClient> PlcAsync(HttpClient client)
    {
        var url = (await (await client.GetAsync("/api/v1/connections")).OkJsonAsync()).EnumerateArray().First().GetProperty("url").GetString()!;
        var (user, password) = app.Services.GetRequiredService<Plant.SimulatorService>().ConnectorCredentials!.Value;
        return await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = new Uri(url), Identity = UserIdentity.FromUserName(user, password) });
    }

    private async Task<HttpClient> ConnectedAsync()
    {
        var client = await app.ReadyClientAsync();
        await WaitAsync(async () => await (await client.GetAsync("/api/v1/connections")).OkJsonAsync(),
            all => all.EnumerateArray().Any(c => c.GetProperty("state").GetString() == "Connected" && c.GetProperty("tagUpdates").GetInt64() > 0));
        return client;
    }

    [Fact]
    public async Task A_worker_planned_on_two_free_machines_is_given_one_job_at_a_time()
    {
        var client = await ConnectedAsync();
        // Only Ana cuts while Ben is away: the plan puts her on both cutters, one job after the other.
        await (await client.PostAsync(new Uri("/api/v1/workers/W2/clock-out", UriKind.Relative), null)).OkJsonAsync();
        // Both jobs become releasable in the same release check: planned while release waits, then released automatically.
        await (await client.PutJsonAsync("/api/v1/sites/exec/plan/release-mode", new { mode = "Manual" })).OkJsonAsync();
        try
        {
            foreach (var (id, machine) in new[] { ("EX-ONE-A", "CUT-1"), ("EX-ONE-B", "CUT-2") })
            {
                await (await client.PostJsonAsync("/api/v1/workorders", new
                {
                    id, siteId = "exec", product = "Bracket", quantity = 40, dueDate = DateTimeOffset.UtcNow.AddHours(4), priority = 2,
                    operations = new object[]
                    {
                        new { sequence = 10, name = "Cut", capability = "cut", skill = "cutting", minSkillLevel = 1, standardDurationSeconds = 12, allowedMachines = new[] { machine } },
                    },
                })).OkJsonAsync(HttpStatusCode.Created);
            }

            await WaitAsync(async () => await (await client.GetAsync("/api/v1/sites/exec/plan")).OkJsonAsync(),
                p => p.GetProperty("operations").EnumerateArray().Count(o => o.GetProperty("workOrderId").GetString()!.StartsWith("EX-ONE-", StringComparison.Ordinal)) == 2);
            await (await client.PutJsonAsync("/api/v1/sites/exec/plan/release-mode", new { mode = "Automatic" })).OkJsonAsync();

            var a = await WaitOrderAsync(client, "EX-ONE-A", o => o.GetProperty("status").GetString() == "Completed");
            var b = await WaitOrderAsync(client, "EX-ONE-B", o => o.GetProperty("status").GetString() == "Completed");
            var runs = new[] { a, b }.Select(o => Assert.Single(Op(o, 10).GetProperty("runs").EnumerateArray()))
                .OrderBy(r => r.GetProperty("startedAt").GetDateTimeOffset()).ToList();
            Assert.All(runs, r => Assert.Equal("W1", r.GetProperty("workerId").GetString()));
            Assert.True(runs[1].GetProperty("startedAt").GetDateTimeOffset() >= runs[0].GetProperty("endedAt").GetDateTimeOffset(),
                $"Ana was at both cutters at once: {runs[0]} and {runs[1]}");
        }
        finally
        {
            (await client.PutJsonAsync("/api/v1/sites/exec/plan/release-mode", new { mode = "Automatic" })).Dispose();
            (await client.PostAsync(new Uri("/api/v1/workers/W2/clock-in", UriKind.Relative), null)).Dispose();
        }
    }

    [Fact]
    public async Task A_cutter_in_the_slot_placed_for_its_due_maintenance_gets_its_job_only_after_the_slot()
    {
        var client = await ConnectedAsync();
        await (await client.PostJsonAsync("/api/v1/maintenance/orders", new
        {
            id = "MO-EX-CUT-1", machineId = "CUT-1", kind = "Preventive", reason = "Clean blade", estimatedSeconds = 20,
            dueBy = DateTimeOffset.UtcNow.AddHours(1),
        })).OkJsonAsync();
        try
        {
            var plan = await WaitAsync(async () => await (await client.GetAsync("/api/v1/sites/exec/plan")).OkJsonAsync(),
                p => p.GetProperty("maintenance").EnumerateArray().Any(m => m.GetProperty("orderId").GetString() == "MO-EX-CUT-1"));
            var slot = plan.GetProperty("maintenance").EnumerateArray().Single(m => m.GetProperty("orderId").GetString() == "MO-EX-CUT-1");
            var end = slot.GetProperty("end").GetDateTimeOffset();

            // Work only CUT-1 may do, ready at once: released automatically, but not into the machine's maintenance slot.
            await (await client.PostJsonAsync("/api/v1/workorders", new
            {
                id = "EX-MAINT", siteId = "exec", product = "Bracket", quantity = 20, dueDate = DateTimeOffset.UtcNow.AddHours(4), priority = 2,
                operations = new object[]
                {
                    new { sequence = 10, name = "Cut", capability = "cut", skill = "cutting", minSkillLevel = 1, standardDurationSeconds = 6, allowedMachines = new[] { "CUT-1" } },
                },
            })).OkJsonAsync(HttpStatusCode.Created);

            var done = await WaitOrderAsync(client, "EX-MAINT", o => o.GetProperty("status").GetString() == "Completed");
            var run = Assert.Single(Op(done, 10).GetProperty("runs").EnumerateArray());
            Assert.Equal("CUT-1", run.GetProperty("machineId").GetString());
            Assert.True(run.GetProperty("releasedAt").GetDateTimeOffset() >= end.AddSeconds(-1),
                $"released at {run.GetProperty("releasedAt").GetDateTimeOffset():O}, inside the maintenance slot that ends {end:O}");
        }
        finally
        {
            (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-EX-CUT-1/cancel", new { reason = "test done" })).Dispose();
        }
    }

    [Fact]
    public async Task A_machine_an_operator_starts_again_after_its_job_runs_free_and_is_not_stopped_for_the_finished_job()
    {
        var client = await ConnectedAsync();
        await (await client.PostJsonAsync("/api/v1/workorders", new
        {
            id = "EX-FREE", siteId = "exec", product = "Bracket", quantity = 10, dueDate = DateTimeOffset.UtcNow.AddHours(4), priority = 2,
            operations = new object[]
            {
                new { sequence = 10, name = "Pack", capability = "pack", skill = "packing", minSkillLevel = 1, standardDurationSeconds = 2, allowedMachines = new[] { "PACK-1" } },
            },
        })).OkJsonAsync(HttpStatusCode.Created);
        await WaitOrderAsync(client, "EX-FREE", o => o.GetProperty("status").GetString() == "Completed");

        // The finished job ended its own run; now the operator resets the machine and starts it to run free.
        await MachineInAsync(client, "PACK-1", "Complete");
        await CommandAsync(client, "PACK-1", "Reset");
        await MachineInAsync(client, "PACK-1", "Idle");
        await CommandAsync(client, "PACK-1", "Start");
        await MachineInAsync(client, "PACK-1", "Execute");

        // Many publishing intervals (100 ms) long: a Complete sent for the finished job would have shown by now.
        for (var until = DateTime.UtcNow.AddSeconds(3); DateTime.UtcNow < until; await Task.Delay(100))
        {
            var machine = await (await client.GetAsync("/api/v1/machines/PACK-1")).OkJsonAsync();
            Assert.Equal("Execute", machine.GetProperty("state").GetString());
        }

        // Hand it back Idle, as the plant file gives it, for the tests after this one.
        await CommandAsync(client, "PACK-1", "Stop");
        await MachineInAsync(client, "PACK-1", "Stopped");
        await CommandAsync(client, "PACK-1", "Reset");
        await MachineInAsync(client, "PACK-1", "Idle");
    }

    private static async Task CommandAsync(HttpClient client, string machineId, string command) =>
        await (await client.PostJsonAsync($"/api/v1/machines/{machineId}/commands", new { command })).OkJsonAsync(HttpStatusCode.Accepted);

    private static async Task MachineInAsync(HttpClient client, string machineId, string state) =>
        await WaitAsync(async () => await (await client.GetAsync($"/api/v1/machines/{machineId}")).OkJsonAsync(), m => m.GetProperty("state").GetString() == state);

    private static async Task CreateAsync(HttpClient client, string id, int quantity) =>
        await (await client.PostJsonAsync("/api/v1/workorders", new
        {
            id, siteId = "exec", product = "Bracket", quantity, dueDate = DateTimeOffset.UtcNow.AddHours(4), priority = 2,
            operations = new object[]
            {
                new { sequence = 10, name = "Cut", capability = "cut", skill = "cutting", minSkillLevel = 1, standardDurationSeconds = quantity * 0.3 },
                new { sequence = 20, name = "Pack", capability = "pack", skill = "packing", minSkillLevel = 1, standardDurationSeconds = quantity * 0.15 },
            },
        })).OkJsonAsync(HttpStatusCode.Created);

    private static JsonElement Op(JsonElement order, int sequence) =>
        order.GetProperty("operations").EnumerateArray().Single(o => o.GetProperty("sequence").GetInt32() == sequence);

    private static async Task<JsonElement> WaitOrderAsync(HttpClient client, string id, Func<JsonElement, bool> done)
    {
        try
        {
            return await WaitAsync(async () => await (await client.GetAsync($"/api/v1/workorders/{id}")).OkJsonAsync(), done);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            // Say where the floor and the plan were, so a failure explains itself.
            var machines = await (await client.GetAsync("/api/v1/machines")).Content.ReadAsStringAsync();
            var plan = await (await client.GetAsync("/api/v1/sites/exec/plan")).Content.ReadAsStringAsync();
            throw new Xunit.Sdk.XunitException($"{e.Message}\nmachines: {machines}\nplan: {plan}");
        }
    }

    private static async Task<JsonElement> WaitAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not reached within {Bound.TotalSeconds:0} s; last: {value}");
            await Task.Delay(200);
        }
    }

    public sealed class App : FactoryWebApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Factory:PlantFile", Path.Combine(RepoPaths.Root, "tests", "Factory.Host.Tests", "Plants", "execution.json"));
            builder.UseSetting("Factory:Simulator:Enabled", "true");
            builder.UseSetting("Factory:Simulator:MeanTimeBetweenFailures", "365.00:00:00");
            builder.UseSetting("Factory:Simulator:Speed", "4");
            builder.UseSetting("Factory:Dispatch:ReleaseMode", "Automatic");
            builder.UseSetting("Factory:Dispatch:OptimizerTimeLimit", "00:00:00");
        }
    }
}
