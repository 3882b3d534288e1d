using Factory.Domain.Safety;

namespace Factory.Contracts.Production;

/// <summary>A tag whose non-zero value means a safety stop (an e-stop pressed, a guard open).</summary>
[GenerateSerializer, Immutable, Alias("factory.safety-tag-view")]
public sealed record SafetyTagView([property: Id(0)] string Tag, [property: Id(1)] SafetyStopKind Kind);
