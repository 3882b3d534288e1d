using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Factory.Benchmarks.Dashboard;
using Factory.Scheduling.Scenarios;
using Factory.Scheduling.Solvers;

namespace Factory.Benchmarks.Scheduling;

/// <summary>
/// Load run "schedule-scenario": time to a what-if answer. (1) 100 machines × 1,000 operations with 50 workers (the re-plan
/// scenario): a machine down for 4 h from a quarter of the plan, planned by <see cref="ScenarioPlanner"/> with the constructive
/// plan only and with CP-SAT's 2 s budget (the host's default). (2) The demo plant through the real host:
/// <c>POST /api/v1/sites/plant-1/scenarios</c> (machine down for 4 h), answer time at the client.
/// Options: --runs N (default 5 per case), --url of a running host (else the Release host is started). Writes results/scenario.md.
/// </summary>
public static class ScenarioRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = int.Parse(RunArguments.Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var url = RunArguments.Option(args, "--url");
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var md = new StringBuilder();
        md.AppendLine("# What-if scenarios: time to the answer");
        md.AppendLine();
        md.AppendLine("Produced by `dotnet run -c Release --project tests/Factory.Benchmarks -- schedule-scenario` after building src/Factory.Host in Release.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores shared with other work; load average at the start: {load}.");
        md.AppendLine();
        md.AppendLine("| case | plan | answer time (median / max of runs) | late orders live → scenario | machine / worker changes |");
        md.AppendLine("|---|---|---|---|---|");

        for (var seed = 1; seed <= 2; seed++)
        {
            var shop = ReplanScenario.Create(seed);
            var f = shop.Failure;
            var scenario = new Scenario([new MachineDown(f.MachineId, f.At, f.ExpectedRepairAt)]);
            foreach (var (name, options) in new (string, SolveOptions?)[] { ("constructive only", null), ("constructive, then CP-SAT 2 s", new SolveOptions(TimeSpan.FromSeconds(2), Workers: 2)) })
            {
                await ScenarioPlanner.PlanAsync(shop.Problem, shop.Plan, scenario, f.At, null); // warm-up
                var times = new List<double>();
                ScenarioResult? last = null;
                for (var i = 0; i < runs; i++)
                {
                    var sw = Stopwatch.StartNew();
                    last = await ScenarioPlanner.PlanAsync(shop.Problem, shop.Plan, scenario, f.At, options, slack: 15);
                    times.Add(sw.Elapsed.TotalMilliseconds);
                }

                var c = last!.Comparison!;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| 100 machines × 1,000 operations, 50 workers (seed {seed}), {f.MachineId} down 4 h | {name} → {last.Solver} | {Percentiles.Of(times, 50):0} / {Percentiles.Of(times, 100):0} ms | {c.Live.LateOrders} → {c.Scenario.LateOrders} | {c.MachineChanges} / {c.WorkerChanges} |");
                Console.WriteLine(md.ToString().Split('\n')[^2]);
            }
        }

        await using var host = url is null ? await DashboardHost.StartAsync(DashboardLoadRun.RepoRoot()) : null;
        using var api = new HttpClient { BaseAddress = host?.BaseAddress ?? new Uri(url!), Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Add("Authorization", "Basic " + Convert.ToBase64String("manager:manager"u8.ToArray()));
        await Task.Delay(TimeSpan.FromSeconds(5)); // the first plan and its optimizer
        var demo = new List<double>();
        JsonElement answer = default;
        for (var i = 0; i <= runs; i++)
        {
            var now = DateTimeOffset.UtcNow;
            var sw = Stopwatch.StartNew();
            var response = await api.PostAsJsonAsync("/api/v1/sites/plant-1/scenarios", new
            {
                name = "CNC-01 down",
                changes = new[] { new { kind = "machineDown", machineId = "CNC-01", from = now, to = now.AddHours(4) } },
            });
            var elapsed = sw.Elapsed.TotalMilliseconds;
            answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"the host refused the scenario: {answer}");
            }

            if (i > 0)
            {
                demo.Add(elapsed); // the first answer pays for JIT
            }
        }

        md.AppendLine(CultureInfo.InvariantCulture,
            $"| demo plant through the API (14 machines, 20 work orders), CNC-01 down 4 h | constructive, then CP-SAT 2 s (host default) → {answer.GetProperty("solver").GetString()} | {Percentiles.Of(demo, 50):0} / {Percentiles.Of(demo, 100):0} ms | {answer.GetProperty("live").GetProperty("lateWorkOrders").GetInt32()} → {answer.GetProperty("scenario").GetProperty("lateWorkOrders").GetInt32()} | {answer.GetProperty("machineChanges").GetInt32()} / {answer.GetProperty("workerChanges").GetInt32()} |");
        md.AppendLine();
        md.AppendLine("CP-SAT stops at its budget unless it proves the plan optimal first (the demo plant's small problems often are), so its rows are");
        md.AppendLine("about the budget plus the constructive plan and the model; the constructive rows are what a `ScenarioTimeLimit` of 0 answers in.");
        var path = Path.Combine(RunPaths.Results(), "scenario.md");
        await File.WriteAllTextAsync(path, md.ToString());
        Console.WriteLine(md.ToString());
        return 0;
    }
}
