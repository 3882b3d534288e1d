namespace Factory.Host.Costs;

/// <summary>The rates and budgets of the sites this host serves, known once the plant is loaded.</summary>
public sealed class CostCatalog
{
    private volatile IReadOnlyDictionary<string, SiteCosts> _sites = new Dictionary<string, SiteCosts>();

    /// <summary>The site's costs; a site without a cost section has no rates and no budgets (everything costs nothing).</summary>
    public SiteCosts Site(string siteId) =>
        _sites.GetValueOrDefault(siteId) ?? new SiteCosts(siteId, Domain.Costs.CostRates.None, Domain.Costs.CostBudgets.None);

    internal void Load(IEnumerable<SiteCosts> sites) => _sites = sites.ToDictionary(s => s.SiteId, StringComparer.Ordinal);
}
