using Factory.Contracts.Views;

namespace Factory.Contracts.Events;

/// <summary>A worker clocked in or out or was redefined.</summary>
[GenerateSerializer, Immutable, Alias("factory.worker-changed")]
public sealed record WorkerChanged([property: Id(0)] WorkerView Worker)
    : PlantEvent(Worker.SiteId, Worker.Id, Worker.Version)
{
    public override string Kind => "workerChanged";
}
