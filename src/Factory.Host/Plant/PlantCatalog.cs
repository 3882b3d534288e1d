namespace Factory.Host.Plant;

/// <summary>
/// The site ids this host serves, known once the plant is loaded. Readiness waits for it; the feed
/// subscribes to these sites.
/// </summary>
public sealed class PlantCatalog
{
    private readonly TaskCompletionSource<ImmutableArray<string>> _sites = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<PlantSpecs> _specs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the plant definition has been applied.</summary>
    public bool IsLoaded => _sites.Task.IsCompletedSuccessfully;

    /// <summary>The site ids, once loaded.</summary>
    public Task<ImmutableArray<string>> SiteIds => _sites.Task;

    /// <summary>The whole loaded plant (endpoints and tag maps included), once loaded.</summary>
    public Task<PlantSpecs> Specs => _specs.Task;

    internal void Load(PlantSpecs specs)
    {
        _specs.TrySetResult(specs);
        _sites.TrySetResult(specs.Sites.Select(s => s.Id).ToImmutableArray());
    }
}
