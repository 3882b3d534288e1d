namespace Factory.Contracts.Events;

/// <summary>
/// A change somewhere in the plant, published by the grain that owns the entity and fanned out to every
/// silo's feed. <see cref="Version"/> is the entity's version after the change, so a client can spot gaps.
/// </summary>
[GenerateSerializer, Immutable, Alias("factory.plant-event")]
public abstract record PlantEvent(
    [property: Id(0)] string SiteId,
    [property: Id(1)] string EntityId,
    [property: Id(2)] long Version)
{
    /// <summary>The line the change belongs to, when there is one (for line subscribers).</summary>
    public virtual string? LineId => null;

    /// <summary>The hub method name clients listen on.</summary>
    public abstract string Kind { get; }
}
