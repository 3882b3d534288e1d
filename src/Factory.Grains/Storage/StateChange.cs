namespace Factory.Grains.Storage;

/// <summary>One grain-state statement waiting for the commit queue, and the rows it changed once its batch committed.</summary>
/// <param name="Sql">An INSERT, UPDATE or DELETE of one row of <c>grain_state</c>.</param>
/// <param name="Parameters">Its parameters by name.</param>
internal sealed record StateChange(string Sql, IReadOnlyList<KeyValuePair<string, object>> Parameters)
{
    /// <summary>Completed (on the thread pool, never on the writer) with the rows changed after the commit, or with its failure.</summary>
    public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
