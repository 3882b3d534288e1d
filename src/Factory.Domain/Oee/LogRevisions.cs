namespace Factory.Domain.Oee;

/// <summary>
/// The changes a machine log took since it was loaded, each with the earliest instant it touched: what lets a reader
/// that keeps figures of the log's past (the live KPIs) read only the tail after an instant and know whether anything
/// before it changed meanwhile (a backfill, a reason attached, a planned stop, a late count). Numbered from a random
/// <see cref="Epoch"/> per load, so a reader that saw another load is told to read everything again. Small: changes
/// with no read between them are one entry (no reader can have seen the first alone), and past <see cref="Capacity"/>
/// entries the oldest is forgotten (a reader older than that reads everything again).
/// </summary>
public sealed class LogRevisions
{
    /// <summary>How many entries are remembered (a live reader reads at most every second and needs those since its last read).</summary>
    public const int Capacity = 64;

    private readonly List<(long Revision, DateTimeOffset Earliest)> _changes = [];

    // Every change after this revision is in _changes.
    private long _knownAfter;

    // Whether a reader learnt the latest revision (Read) since the last change.
    private bool _read = true;

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
        if (!_read && _changes.Count > 0)
        {
            // Revisions are learnt only by reading: nobody saw the last change without this one, so they are one entry.
            var last = _changes[^1];
            _changes[^1] = (Revision, earliest < last.Earliest ? earliest : last.Earliest);
            return Revision;
        }

        _read = false;
        _changes.Add((Revision, earliest));
        if (_changes.Count > Capacity)
        {
            _knownAfter = _changes[0].Revision;
            _changes.RemoveAt(0);
        }

        return Revision;
    }

    /// <summary>The revision a reader reading now has seen (pass it back to <see cref="ChangedAtOrBefore"/> next time).</summary>
    public long Read()
    {
        _read = true;
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
