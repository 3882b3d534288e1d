using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Factory.Host.Security;

/// <summary>
/// Ends the hub connections of users who are no longer configured as they were (#11, finding 10). A hub connection is
/// authenticated once, when it opens, and may stay open for a shift; so when the users change, every connection whose
/// user is removed, re-roled or has a new password is closed at once, and a call on one is refused.
/// </summary>
public sealed class SessionGuard : IHubFilter, IDisposable
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new(StringComparer.Ordinal);
    private readonly UserDirectory _users;
    private readonly IDisposable? _subscription;

    public SessionGuard(UserDirectory users, IOptionsMonitor<FactoryOptions> options)
    {
        _users = users;
        _subscription = options.OnChange(_ => CloseStale());
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var caller = context.Context;
        if (caller.User is not { } user || !_users.IsCurrent(user))
        {
            throw new HubException("your session has ended: sign in again");
        }

        _connections[caller.ConnectionId] = caller;
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _connections.TryRemove(context.Context.ConnectionId, out _);
        await next(context, exception);
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var caller = invocationContext.Context;
        if (caller.User is not { } user || !_users.IsCurrent(user))
        {
            caller.Abort();
            throw new HubException("your session has ended: sign in again");
        }

        return next(invocationContext);
    }

    public void Dispose() => _subscription?.Dispose();

    private void CloseStale()
    {
        foreach (var (id, caller) in _connections)
        {
            if (caller.User is not { } user || !_users.IsCurrent(user))
            {
                _connections.TryRemove(id, out _);
                caller.Abort();
            }
        }
    }
}
