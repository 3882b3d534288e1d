using Factory.Contracts.Specs;
using Factory.Contracts.Views;

namespace Factory.Contracts.Grains;

/// <summary>The directory of a site: which lines, machines, workers and work orders it holds. Keyed by site id.</summary>
public interface ISiteGrain : IGrainWithStringKey
{
    /// <summary>Defines or redefines the site; the directory it holds is kept.</summary>
    Task Define(SiteSpec spec);

    /// <summary>The site, or null when it was never defined.</summary>
    Task<SiteView?> GetView();

    /// <summary>Adds an entity id to the directory (idempotent).</summary>
    Task Register(SiteMember kind, string id);
}
