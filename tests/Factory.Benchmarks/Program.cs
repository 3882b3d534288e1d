using BenchmarkDotNet.Running;
using Factory.Benchmarks.Dashboard;

// The dashboard load run (a real browser, not BenchmarkDotNet): dotnet run -c Release --project tests/Factory.Benchmarks -- dashboard
if (args.FirstOrDefault() == "dashboard")
{
    return await DashboardLoadRun.RunAsync(args[1..]);
}

// The plan's Gantt in a real browser: dotnet run -c Release --project tests/Factory.Benchmarks -- gantt
if (args.FirstOrDefault() == "gantt")
{
    return await GanttRun.RunAsync(args[1..]);
}

// Load runs (e.g. `-- schedule-gaps`, `-- schedule-replan`) are handled before the switcher.
if (Factory.Benchmarks.Scheduling.SchedulingRuns.TryStart(args) is { } run)
{
    return await run;
}

// Cluster failover (host SIGKILL → grains serving and endpoint reconnected on the survivor): -- failover [--kills 10]
if (args.Length > 0 && args[0] == "failover")
{
    return await Factory.Benchmarks.Cluster.FailoverRun.RunAsync(args[1..]);
}

// A shift of the plant run by itself (execution end to end): -- execution-shift [--speed 60] [--minutes 8] [--machines N]
if (args.Length > 0 && args[0] == "execution-shift")
{
    return await Factory.Benchmarks.Execution.ExecutionShiftRun.RunAsync(args[1..]);
}

// One table for plants of several sizes on one host (memory, CPU, reads, re-plans, ingest): -- scale [--sizes 100,1000] [--host-settings Key=Value,...]
if (args.Length > 0 && args[0] == "scale")
{
    return await Factory.Benchmarks.Scale.ScaleRun.RunAsync(args[1..]);
}

// Live KPIs per second with N machines changing, before and after they were kept incrementally: -- live-kpis [--machines 1000] [--changing 1,10,100,1000]
if (args.Length > 0 && args[0] == "live-kpis")
{
    return await Factory.Benchmarks.LiveKpis.LiveKpiRun.RunAsync(args[1..]);
}

// Grain calls and time per manager assignment and per machine failure: -- dispatch-calls [--machines 100] [--orders 250]
if (args.Length > 0 && args[0] == "dispatch-calls")
{
    return await Factory.Benchmarks.Dispatch.DispatchCallsRun.RunAsync(args[1..]);
}

// The historian's ingest, storage and trend-query figures: -- history-load [--seconds 20] [--postgres]
if (args.Length > 0 && args[0] == "history-load")
{
    return await Factory.Benchmarks.History.HistoryLoadRun.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "plant-load")
{
    return await Factory.Benchmarks.Connectivity.PlantLoadRun.RunAsync(args[1..]);
}

// Sparkplug B through mosquitto into the machine grains: -- sparkplug-load [options]
if (args.Length > 0 && args[0] == "sparkplug-load")
{
    return await Factory.Benchmarks.Mqtt.SparkplugLoadRun.RunAsync(args[1..]);
}

// The OPC UA client side-by-side load run (both clients in their own processes): -- opcua-load [options]
if (args.Length > 0 && args[0] == "opcua-load")
{
    return await Factory.Benchmarks.OpcUa.OpcUaLoadRun.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "opcua-load-client")
{
    return await Factory.Benchmarks.OpcUa.OpcUaLoadClient.RunAsync(args[1..]);
}

// Event → email handed to a real SMTP server, p50/p99 over many alarms: -- notification-load [--alarms 200]
if (args.Length > 0 && args[0] == "notification-load")
{
    return await Factory.Benchmarks.Notifications.NotificationLoadRun.RunAsync(args[1..]);
}

// Run one or more benchmark classes: dotnet run -c Release --project tests/Factory.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
