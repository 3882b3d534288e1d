using Factory.Connectivity;

namespace Factory.Host.Api;

/// <summary><c>/api/v1/connections</c>: the OPC UA endpoints and how their connections stand.</summary>
public static class ConnectionsApi
{
    public static RouteGroupBuilder MapConnectionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/connections", ListConnections)
            .WithTags("Connectivity").WithSummary("Every OPC UA endpoint: state, since when, last error, machines fed, tag updates received.");
        return api;
    }

    private static IResult ListConnections(PlantConnectivity connectivity) => TypedResults.Ok(connectivity.Connections);
}
