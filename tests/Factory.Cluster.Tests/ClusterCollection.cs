namespace Factory.Cluster.Tests;

/// <summary>The tests that share <see cref="ClusterBackends"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterBackends>
{
    public const string Name = "cluster backends";
}
