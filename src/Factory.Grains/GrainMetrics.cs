using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Factory.Grains;

/// <summary>
/// The grains' instruments (meter <c>Factory.Grains</c>): re-plans and how long they take (whole and by phase), optimizer runs, and how long grain
/// state writes take in the stores. Each is recorded with one line where it happens (<c>using var _ = …</c>).
/// </summary>
public static class GrainMetrics
{
    /// <summary>The meter's name, for exporters.</summary>
    public const string Name = "Factory.Grains";

    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> ReplanDuration = Meter.CreateHistogram<double>(
        "factory.dispatch.replan_duration", "ms", "How long a site's re-plan by the dispatcher took (each one counts as a re-plan)");

    private static readonly Histogram<double> ReplanPhaseDuration = Meter.CreateHistogram<double>(
        "factory.dispatch.replan_phase_duration", "ms",
        "How long each phase of a site's re-plan took: picture (reading what changed and building the problem), solve (off the dispatcher's turn), apply (storing the plan and telling the orders)");

    private static readonly Counter<long> OptimizerRuns = Meter.CreateCounter<long>(
        "factory.dispatch.optimizer_runs", "{run}",
        "Optimizer runs a site's dispatcher asked for, by outcome: started (its quiet period passed and it went on to build its model and search), superseded (a newer plan came first, so nothing was built)");

    private static readonly Histogram<double> StorageWriteDuration = Meter.CreateHistogram<double>(
        "factory.storage.write_duration", "ms", "How long writing one grain state to the store took");

    /// <summary>Measures a re-plan of <paramref name="siteId"/> until disposed.</summary>
    public static Timing MeasureReplan(string siteId) => new(ReplanDuration, new TagList { { "site", siteId } });

    /// <summary>Measures one <paramref name="phase"/> (picture, solve, apply) of a re-plan of <paramref name="siteId"/> until disposed.</summary>
    public static Timing MeasureReplanPhase(string siteId, string phase) =>
        new(ReplanPhaseDuration, new TagList { { "site", siteId }, { "phase", phase } });

    /// <summary>Counts an optimizer run of <paramref name="siteId"/> that started (<paramref name="started"/>) or was superseded before it built anything.</summary>
    public static void CountOptimizerRun(string siteId, bool started) =>
        OptimizerRuns.Add(1, new TagList { { "site", siteId }, { "outcome", started ? "started" : "superseded" } });

    /// <summary>Measures a grain state write to <paramref name="store"/> (sqlite, postgres) until disposed.</summary>
    public static Timing MeasureStorageWrite(string store) => new(StorageWriteDuration, new TagList { { "store", store } });

    /// <summary>A running measurement; recorded in milliseconds when disposed.</summary>
    public readonly struct Timing(Histogram<double> histogram, TagList tags) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public void Dispose() => histogram.Record(Stopwatch.GetElapsedTime(_started).TotalMilliseconds, tags);
    }
}
