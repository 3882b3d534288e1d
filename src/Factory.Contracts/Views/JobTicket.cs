namespace Factory.Contracts.Views;

/// <summary>What a machine is given when an operation is released to it (and what is written to its PLC's job tags).</summary>
/// <param name="Quantity">Good parts to make in this run (what is left of the operation).</param>
/// <param name="StandardSecondsPerPart">The operation's standard time per part, for the ETA until the run shows its own rate.</param>
[GenerateSerializer, Immutable, Alias("factory.job-ticket")]
public sealed record JobTicket(
    [property: Id(0)] string WorkOrderId,
    [property: Id(1)] int Sequence,
    [property: Id(2)] string OperationName,
    [property: Id(3)] string Product,
    [property: Id(4)] long Quantity,
    [property: Id(5)] string? Program,
    [property: Id(6)] string? WorkerId,
    [property: Id(7)] double StandardSecondsPerPart)
{
    /// <summary>The job id written to the PLC.</summary>
    public string JobId => JobIds.Of(WorkOrderId, Sequence);

    /// <summary>The ticket a PLC is written for <paramref name="job"/>, with <paramref name="quantity"/> of it to make.</summary>
    public static JobTicket Of(MachineJob job, long quantity, double standardSecondsPerPart)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(job.WorkOrderId, job.Sequence, job.OperationName, job.Product, quantity, job.Program, job.WorkerId, standardSecondsPerPart);
    }

    /// <summary>The job as released to a machine at <paramref name="at"/>, before it counts anything.</summary>
    public MachineJob ToJob(DateTimeOffset at) => new(WorkOrderId, Sequence, OperationName, Product, Quantity, Program, WorkerId, at);
}
