namespace Factory.Contracts.Views;

/// <summary>The job a machine holds: which operation of which order, how much of it is made, and when it will be done.</summary>
/// <param name="Id">The job id written to the PLC (<c>WO-1001/20</c>).</param>
/// <param name="Quantity">Good parts this run must make.</param>
/// <param name="Mismatch">Why parts are not credited now (the PLC reports another job), or null.</param>
/// <param name="Eta">When the run will have made its quantity, from its rate (null when finished).</param>
/// <param name="PlcError">Why writing the job or a command to the PLC failed last, or null.</param>
[GenerateSerializer, Immutable, Alias("factory.job-view")]
public sealed record JobView(
    [property: Id(0)] string Id,
    [property: Id(1)] string WorkOrderId,
    [property: Id(2)] int Sequence,
    [property: Id(3)] string OperationName,
    [property: Id(4)] string Product,
    [property: Id(5)] long Quantity,
    [property: Id(6)] string? Program,
    [property: Id(7)] string? WorkerId,
    [property: Id(8)] JobPhase Phase,
    [property: Id(9)] DateTimeOffset ReleasedAt,
    [property: Id(10)] DateTimeOffset? StartedAt,
    [property: Id(11)] DateTimeOffset? FinishedAt,
    [property: Id(12)] long Good,
    [property: Id(13)] long Scrap,
    [property: Id(14)] string? Mismatch,
    [property: Id(15)] DateTimeOffset? Eta,
    [property: Id(16)] string? PlcError);
