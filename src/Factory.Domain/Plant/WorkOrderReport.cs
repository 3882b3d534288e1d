using Factory.Domain.Work;

namespace Factory.Domain.Plant;

/// <summary>What a machine tells the work order of its job (operation <paramref name="Sequence"/>).</summary>
public sealed record WorkOrderReport(string WorkOrderId, int Sequence, JobReport Report);
