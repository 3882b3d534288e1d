using Factory.Domain.Oee;

namespace Factory.Domain.History;

/// <summary>
/// What one append writes in one transaction: tag values, state changes and counts. A store appends rows for it
/// and never rewrites a record; the same batch appended twice stores the same rows once (a retry is harmless).
/// </summary>
public sealed record HistoryBatch(
    IReadOnlyList<TagSample> Tags,
    IReadOnlyList<MachineStateEvent> States,
    IReadOnlyList<ProductionCount> Counts)
{
    public static HistoryBatch Empty { get; } = new([], [], []);

    public bool IsEmpty => Tags.Count == 0 && States.Count == 0 && Counts.Count == 0;

    public int RowCount => Tags.Count + States.Count + Counts.Count;

    /// <summary>Several batches as one (the writer coalesces the batches of many machines into one commit).</summary>
    public static HistoryBatch Combine(IReadOnlyCollection<HistoryBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return batches.Count == 1
            ? batches.First()
            : new HistoryBatch(
                [.. batches.SelectMany(b => b.Tags)],
                [.. batches.SelectMany(b => b.States)],
                [.. batches.SelectMany(b => b.Counts)]);
    }
}
