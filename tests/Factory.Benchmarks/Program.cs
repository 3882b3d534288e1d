using BenchmarkDotNet.Running;

// Load runs (e.g. `-- schedule-gaps`, `-- schedule-replan`) are handled before the switcher.
if (Factory.Benchmarks.Scheduling.SchedulingRuns.TryStart(args) is { } run)
{
    return await run;
}

if (args.Length > 0 && args[0] == "plant-load")
{
    return await Factory.Benchmarks.Connectivity.PlantLoadRun.RunAsync(args[1..]);
}

// Run one or more benchmark classes: dotnet run -c Release --project tests/Factory.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
