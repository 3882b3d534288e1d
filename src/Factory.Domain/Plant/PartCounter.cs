namespace Factory.Domain.Plant;

/// <summary>
/// A PLC's cumulative part counter read as a count of parts made since tracking began. The first reading is only the
/// baseline (a lifetime counter is not this shift's output); a reading below the last one means the PLC reset its counter
/// (a restart, a shift reset), so what it shows now was made since the reset. Because the state is the last reading and
/// the count together, restoring an older saved pair and reading again credits every part exactly once.
/// </summary>
/// <remarks>A reset is seen only when the next reading is lower than the last one: a counter reset that climbs past its old
/// value before it is read again cannot be told from normal counting.</remarks>
/// <param name="Last">The last reading, or null before the first.</param>
/// <param name="Counted">Parts counted since tracking began.</param>
public readonly record struct PartCounter(long? Last, long Counted)
{
    /// <summary>A counter not read yet.</summary>
    public static PartCounter Unread => new(null, 0);

    /// <summary>A counter whose baseline is <paramref name="reading"/> (null when the PLC's value is not known yet).</summary>
    public static PartCounter From(long? reading) => new(reading is >= 0 ? reading : null, 0);

    /// <summary>The counter after one more reading; negative readings are not counters and are ignored.</summary>
    public PartCounter Observe(long reading)
    {
        if (reading < 0)
        {
            return this;
        }

        if (Last is not { } last)
        {
            return this with { Last = reading };
        }

        var made = reading >= last ? reading - last : reading;
        return new PartCounter(reading, Counted + made);
    }

    /// <summary>The counter after a reading that may be absent (an unchanged counter is not sent).</summary>
    public PartCounter Observe(long? reading) => reading is { } r ? Observe(r) : this;
}
