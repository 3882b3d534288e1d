namespace Factory.Domain.Staff;

/// <summary>An operation a worker did: when, for how long, against which standard, with what output.</summary>
public sealed record OperationRecord(
    string WorkerId,
    string WorkOrderId,
    int OperationSequence,
    string MachineId,
    DateTimeOffset Start,
    DateTimeOffset End,
    TimeSpan StandardDuration,
    long Good = 0,
    long Scrap = 0)
{
    public TimeSpan Actual => End > Start ? End - Start : TimeSpan.Zero;
}
