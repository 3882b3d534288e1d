using Microsoft.AspNetCore.SignalR;

namespace Factory.Host.Telemetry;

/// <summary>Counts hub clients and the methods they call, without the hub knowing.</summary>
public sealed class HubMetricsFilter : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        await next(context);
        FactoryMetrics.HubClientChanged(+1);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context, exception);
        }
        finally
        {
            FactoryMetrics.HubClientChanged(-1);
        }
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        FactoryMetrics.HubInvoked(invocationContext.HubMethodName);
        return next(invocationContext);
    }
}
