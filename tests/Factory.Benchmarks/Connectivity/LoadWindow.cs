using System.Diagnostics;

namespace Factory.Benchmarks.Connectivity;

/// <summary>
/// The measured part of a load run, after its warm-up: the latencies start afresh, and at its end it tells how long it
/// lasted, how many values were applied in it and how many CPU seconds this process used.
/// </summary>
internal sealed class LoadWindow
{
    private readonly AppliedValues _applied;
    private readonly long _startCount;
    private readonly TimeSpan _startCpu;
    private readonly Stopwatch _clock;

    private LoadWindow(AppliedValues applied)
    {
        _applied = applied;
        applied.Latency.Reset();
        _startCount = applied.Count;
        _startCpu = Process.TotalProcessorTime;
        _clock = Stopwatch.StartNew();
    }

    /// <summary>This process, for figures read during the window (its working set).</summary>
    public Process Process { get; } = Process.GetCurrentProcess();

    public static LoadWindow Start(AppliedValues applied) => new(applied);

    /// <summary>Ends the window: its length in seconds, the values applied in it, and the CPU seconds used.</summary>
    public (double Seconds, long Count, double CpuSeconds) End()
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        var count = _applied.Count - _startCount;
        Process.Refresh();
        return (seconds, count, (Process.TotalProcessorTime - _startCpu).TotalSeconds);
    }
}
