namespace Factory.Contracts.Specs;

/// <summary>How a worker is defined.</summary>
[GenerateSerializer, Immutable, Alias("factory.worker-spec")]
public sealed record WorkerSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string Name,
    [property: Id(3)] ImmutableDictionary<string, int> Skills,
    [property: Id(4)] ImmutableArray<Views.CertificationView> Certifications,
    [property: Id(5)] string Shift,
    [property: Id(6)] bool ClockedIn)
{
    /// <summary>Equal by content (records compare immutable collections by reference).</summary>
    public bool SameAs(WorkerSpec? other) =>
        other is not null &&
        this with { Skills = other.Skills, Certifications = other.Certifications } == other &&
        Skills.Count == other.Skills.Count && Skills.All(s => other.Skills.TryGetValue(s.Key, out var level) && level == s.Value) &&
        Certifications.SequenceEqual(other.Certifications);
}
