namespace Factory.Domain.Oee;

/// <summary>
/// The changes a machine log took since it was loaded, each with the earliest instant it touched: what lets a reader
/// that keeps figures of the log's past (the live KPIs) read only the tail after an instant and know whether anything
/// before it changed meanwhile (a backfill, a reason attached, a planned stop, a late count). Numbered from a random
/// <see cref="Epoch"/> per load, so a reader that saw another load is told to read everything again. Bounded: past
/// <see cref="Capacity"/> changes the oldest are forgotten and a reader older than that reads everything again too.
/// </summary>
public sealed class LogRevisions
{
    /// <summary>How many changes are remembered (a live reader reads every second; a log changes a few times a second).</summary>
    public const int Capacity = 1024;

    private readonly Queue<(long Revision, DateTimeOffset Earliest)> _changes = new();

    // Every change after this revision is in _changes.
    private long _knownAfter;

    /// <summary>A log just loaded: a new epoch, no changes yet.</summary>
    public LogRevisions()
        : this(Guid.NewGuid())
    {
    }

    /// <summary>A log loaded under a given epoch (tests).</summary>
    public LogRevisions(Guid epoch) => Epoch = epoch;

    /// <summary>This load of the log; revisions of another epoch say nothing about this one.</summary>
    public Guid Epoch { get; }

    /// <summary>The number of the latest change (0 before the first).</summary>
    public long Revision { get; private set; }

    /// <summary>Notes a change that touched the log at <paramref name="earliest"/> and later; returns its revision.</summary>
    public long Touch(DateTimeOffset earliest)
    {
        Revision++;
        _changes.Enqueue((Revision, earliest));
        if (_changes.Count > Capacity)
        {
            _knownAfter = _changes.Dequeue().Revision;
        }

        return Revision;
    }

    /// <summary>
    /// Whether a reader that saw revision <paramref name="seen"/> of <paramref name="epoch"/> must read from the start
    /// again because a later change touched <paramref name="at"/> or earlier (an event at the instant itself moves the
    /// end of the interval before it, so "at" counts as before); true as well when the reader's revision is not known.
    /// </summary>
    public bool ChangedAtOrBefore(Guid epoch, long seen, DateTimeOffset at)
    {
        if (epoch != Epoch || seen < _knownAfter || seen > Revision)
        {
            return true;
        }

        foreach (var (revision, earliest) in _changes)
        {
            if (revision > seen && earliest <= at)
            {
                return true;
            }
        }

        return false;
    }
}
