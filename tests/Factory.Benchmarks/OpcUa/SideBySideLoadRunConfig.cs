using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Factory.Benchmarks.OpcUa;

/// <summary>
/// One measured window per load, with default runtime settings and with thread-pool spinning off
/// (DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0, a deployment setting that trades wake-up latency for idle CPU).
/// </summary>
public sealed class SideBySideLoadRunConfig : ManualConfig
{
    public SideBySideLoadRunConfig()
    {
        var single = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(1);
        AddJob(single.WithId("default"));
        AddJob(single.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", "0")).WithId("no-spin"));
    }
}
