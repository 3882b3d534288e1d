using Factory.Scheduling.Model;

namespace Factory.Scheduling.Solvers;

/// <summary>Busy intervals of one resource, sorted and disjoint, with earliest-gap search.</summary>
internal sealed class Timeline
{
    /// <summary>Stands for "never": a fit at or after it does not exist.</summary>
    public const long Never = long.MaxValue / 4;

    private readonly List<long> _starts = [];
    private readonly List<long> _ends = [];

    public Timeline(IEnumerable<TimeWindow> busy)
    {
        foreach (var w in ProblemIndex.Merge(busy))
        {
            _starts.Add(w.From);
            _ends.Add(w.To);
        }
    }

    private Timeline(List<long> starts, List<long> ends)
    {
        _starts = starts;
        _ends = ends;
    }

    /// <summary>A timeline busy when this one is, to reserve on without changing this one.</summary>
    public Timeline Copy() => new([.. _starts], [.. _ends]);

    /// <summary>A timeline busy outside <paramref name="shifts"/> (null shifts: never busy).</summary>
    public static Timeline OffShift(IReadOnlyList<TimeWindow>? shifts, IEnumerable<TimeWindow> alsoBusy)
    {
        var busy = new List<TimeWindow>(alsoBusy);
        if (shifts is not null)
        {
            var cursor = -Never;
            foreach (var s in ProblemIndex.Merge(shifts))
            {
                busy.Add(new TimeWindow(cursor, s.From));
                cursor = s.To;
            }

            busy.Add(new TimeWindow(cursor, Never));
        }

        return new Timeline(busy);
    }

    /// <summary>Earliest start at or after <paramref name="from"/> where [start, start + duration) is free.</summary>
    public long EarliestFit(long from, long duration)
    {
        var i = FirstEndingAfter(from);
        var start = from;
        for (; i < _starts.Count; i++)
        {
            if (start + duration <= _starts[i])
            {
                return start;
            }

            start = Math.Max(start, _ends[i]);
        }

        return start;
    }

    /// <summary>
    /// Earliest start at or after <paramref name="from"/> free on both timelines, or <see cref="Never"/> when it would
    /// exceed <paramref name="limit"/>.
    /// </summary>
    public static long FitBoth(Timeline machine, Timeline worker, long from, long duration, long limit)
    {
        var t = from;
        while (t <= limit)
        {
            var s = machine.EarliestFit(t, duration);
            var s2 = worker.EarliestFit(s, duration);
            if (s2 == s)
            {
                return s <= limit ? s : Never;
            }

            t = s2;
        }

        return Never;
    }

    /// <summary>Marks [start, end) busy; the caller guarantees it is free.</summary>
    public void Reserve(long start, long end)
    {
        if (end <= start)
        {
            return;
        }

        var i = FirstEndingAfter(start);
        _starts.Insert(i, start);
        _ends.Insert(i, end);
    }

    private int FirstEndingAfter(long t)
    {
        int lo = 0, hi = _ends.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ends[mid] > t)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
