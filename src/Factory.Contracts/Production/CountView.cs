using Factory.Domain.Oee;

namespace Factory.Contracts.Production;

/// <summary>Output increments a machine reported at <see cref="At"/>; the ideal cycle time in ticks so sums stay exact.</summary>
[GenerateSerializer, Immutable, Alias("factory.count-view")]
public sealed record CountView(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] long Good,
    [property: Id(2)] long Scrap,
    [property: Id(3)] long Rework,
    [property: Id(4)] long IdealCycleTimeTicks,
    [property: Id(5)] string? WorkOrderId)
{
    public ProductionCount ToDomain(string machineId) =>
        new(machineId, At, Good, Scrap, Rework, TimeSpan.FromTicks(IdealCycleTimeTicks), WorkOrderId);

    public static CountView From(ProductionCount c) => new(c.At, c.Good, c.Scrap, c.Rework, c.IdealCycleTime.Ticks, c.WorkOrderId);
}
