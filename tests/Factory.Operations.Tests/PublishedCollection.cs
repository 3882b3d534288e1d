namespace Factory.Operations.Tests;

/// <summary>The tests that use one published host folder; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedCollection : ICollectionFixture<PublishedHost>
{
    public const string Name = "published host";
}
