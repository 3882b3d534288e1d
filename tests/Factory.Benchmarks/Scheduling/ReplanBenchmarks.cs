using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using Factory.Scheduling.Replanning;

namespace Factory.Benchmarks.Scheduling;

/// <summary>Time from a machine failure to the applied constructive plan, on the 100-machine, 1,000-operation scenario.</summary>
[Config(typeof(PercentileConfig))]
[MemoryDiagnoser]
public class ReplanBenchmarks
{
    private ReplanScenario _scenario = null!;

    [GlobalSetup]
    public void Setup() => _scenario = ReplanScenario.Create(seed: 1);

    [Benchmark(Description = "constructive re-plan after a failure")]
    public ReplanResult ConstructiveReplan() =>
        Replanner.OnMachineFailure(_scenario.Problem, _scenario.Plan, _scenario.Failure, ReplanPolicy.RestartElsewhere);

    [Benchmark(Description = "right-shift repair (baseline)")]
    public ReplanResult RightShift() =>
        RightShiftRepair.Repair(_scenario.Problem, _scenario.Plan, _scenario.Failure);

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig()
        {
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.Max);
            SummaryStyle = SummaryStyle.Default.WithMaxParameterColumnWidth(40);
        }
    }
}
