namespace Factory.Browser.Tests;

/// <summary>The dashboard tests share one host and one browser, and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
