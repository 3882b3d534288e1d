namespace Factory.Domain.Oee;

/// <summary>
/// Scrap an operator enters at the station. The rule that keeps it counted once: a manual entry is for parts the
/// PLC's counters did not count (taken out before the counter, found bad at the machine), so it is its own count
/// increment (scrap, and so produced) next to the PLC's, never a correction of them. Parts the PLC counted as scrap
/// are not entered again.
/// </summary>
public static class ScrapEntry
{
    /// <summary>Most parts one entry may scrap: a larger number is a typing error, not a batch.</summary>
    public const long MaxQuantity = 10_000;

    /// <summary>Longest reason text.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>Why the entry is refused (quantity 1 to <see cref="MaxQuantity"/>, a reason of at most <see cref="MaxReasonLength"/> characters), or null.</summary>
    public static Refusal? Check(long quantity, string? reason)
    {
        if (quantity is < 1 or > MaxQuantity)
        {
            return Refusal.Invalid($"the quantity must be between 1 and {MaxQuantity}");
        }

        return string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength
            ? Refusal.Invalid($"scrap needs a reason of at most {MaxReasonLength} characters")
            : null;
    }

    /// <summary>The entry as a count increment on the machine, against the work order it is running (if any).</summary>
    public static ProductionCount Count(string machineId, long quantity, DateTimeOffset at, TimeSpan idealCycleTime, string? workOrderId) =>
        new(machineId, at, Good: 0, Scrap: quantity, Rework: 0, idealCycleTime, workOrderId);
}
