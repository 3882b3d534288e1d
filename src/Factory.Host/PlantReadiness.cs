using Factory.Host.Hub;
using Factory.Host.Plant;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Factory.Host;

/// <summary>Ready once the plant definition is applied and this silo's feed is subscribed.</summary>
public sealed class PlantReadiness(PlantCatalog catalog, PlantFeed feed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!catalog.IsLoaded
            ? HealthCheckResult.Unhealthy("the plant definition is not loaded yet")
            : !feed.IsSubscribed
                ? HealthCheckResult.Unhealthy("the live feed is not subscribed yet")
                : HealthCheckResult.Healthy());
}
