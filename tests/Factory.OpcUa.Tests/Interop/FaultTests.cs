using System.Diagnostics;
using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;

namespace Factory.OpcUa.Tests.Interop;

/// <summary>Resets and silent stalls between client and server: detection within the bound, recovery, nothing lost.</summary>
[Collection(NodeOpcUaCollection.Name)]
public sealed class FaultTests(NodeOpcUaFixture fixture)
{
    private NodeOpcUaServer Server => fixture.Server;

    [Fact]
    public async Task Reset_connection_is_reactivated_and_nothing_is_lost()
    {
        var run = await RunFaultAsync(proxy => proxy.ResetAll(), UserIdentity.FromUserName(NodeOpcUaServer.UserName, NodeOpcUaServer.Password), TimeSpan.FromMinutes(2));
        Assert.Equal(RecoveryPath.Reactivated, run.Path);
        Assert.True(run.Detection < TimeSpan.FromSeconds(1), $"reset detected after {run.Detection}");
        run.AssertNothingLost();
    }

    [Fact]
    public async Task Silent_stall_is_detected_within_the_bound_and_nothing_is_lost()
    {
        var run = await RunFaultAsync(proxy => proxy.StallAll(), UserIdentity.FromUserName(NodeOpcUaServer.UserName, NodeOpcUaServer.Password), TimeSpan.FromMinutes(2));
        Assert.Equal(RecoveryPath.Reactivated, run.Path);
        Assert.True(run.Detection <= TimeSpan.FromSeconds(5), $"stall detected after {run.Detection}");
        run.AssertNothingLost();
    }

    [Fact]
    public async Task Expired_session_is_replaced_and_subscriptions_transferred_without_loss()
    {
        var run = await RunFaultAsync(
            async proxy =>
            {
                proxy.Partition();
                await Task.Delay(TimeSpan.FromSeconds(6)); // longer than the session timeout
                proxy.Heal();
            },
            UserIdentity.FromUserName(NodeOpcUaServer.UserName, NodeOpcUaServer.Password),
            TimeSpan.FromSeconds(3));
        Assert.Equal(RecoveryPath.Transferred, run.Path);
        run.AssertNothingLost();
    }

    [Fact]
    public async Task Anonymous_subscriptions_are_recreated_when_transfer_is_refused()
    {
        var run = await RunFaultAsync(
            async proxy =>
            {
                proxy.Partition();
                await Task.Delay(TimeSpan.FromSeconds(6));
                proxy.Heal();
            },
            UserIdentity.Anonymous,
            TimeSpan.FromSeconds(3));
        Assert.Equal(RecoveryPath.Recreated, run.Path);
        Assert.True(run.Check.MinLatest > run.LatestBeforeFault, "delivery did not resume");
    }

    private async Task<FaultRun> RunFaultAsync(Func<TcpFaultProxy, Task> fault, UserIdentity identity, TimeSpan sessionTimeout) =>
        await RunFaultCoreAsync(fault, identity, sessionTimeout);

    private Task<FaultRun> RunFaultAsync(Action<TcpFaultProxy> fault, UserIdentity identity, TimeSpan sessionTimeout) =>
        RunFaultCoreAsync(p => { fault(p); return Task.CompletedTask; }, identity, sessionTimeout);

    private async Task<FaultRun> RunFaultCoreAsync(Func<TcpFaultProxy, Task> fault, UserIdentity identity, TimeSpan sessionTimeout)
    {
        await using var proxy = new TcpFaultProxy(Server.Endpoint);
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions
        {
            Endpoint = proxy.Endpoint,
            Identity = identity,
            SessionTimeout = sessionTimeout,
            MinReconnectDelay = TimeSpan.FromMilliseconds(100),
            MaxReconnectDelay = TimeSpan.FromSeconds(1),
        });
        var states = new List<ConnectionStateChangedEventArgs>();
        var reconnecting = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var connected = new TaskCompletionSource<RecoveryPath?>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StateChanged += (_, e) =>
        {
            lock (states)
            {
                states.Add(e);
            }

            if (e.Current == ConnectionState.Reconnecting)
            {
                reconnecting.TrySetResult(Stopwatch.GetTimestamp());
            }
            else if (e.Current == ConnectionState.Connected)
            {
                connected.TrySetResult(e.Recovery);
            }
        };
        var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = 100 });
        await subscription.AddMonitoredItemsAsync(
            Enumerable.Range(0, 5).Select(i => new MonitoredItemOptions(new NodeId($"Counter{i}", Server.NamespaceIndex)) { SamplingInterval = 0, QueueSize = 500 }));
        var check = new CounterCheck();
        var reader = Task.Run(async () =>
        {
            await foreach (var value in subscription.ReadAllAsync())
            {
                lock (check)
                {
                    check.Add(value);
                }
            }
        });

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        int latestBefore;
        lock (check)
        {
            latestBefore = check.MinLatest;
        }

        var faultAt = Stopwatch.GetTimestamp();
        var faultTask = fault(proxy);
        var detectedAt = await reconnecting.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await faultTask;
        var path = await connected.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var resumedTarget = latestBefore + 40;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            lock (check)
            {
                if (check.MinLatest > resumedTarget)
                {
                    break;
                }
            }

            await Task.Delay(100);
        }

        await client.CloseAsync();
        await reader.WaitAsync(TimeSpan.FromSeconds(5));
        return new FaultRun(path, Stopwatch.GetElapsedTime(faultAt, detectedAt), check, latestBefore, subscription);
    }

    private sealed record FaultRun(RecoveryPath? Path, TimeSpan Detection, CounterCheck Check, int LatestBeforeFault, Subscription Subscription)
    {
        public void AssertNothingLost()
        {
            Assert.Empty(Check.Gaps);
            Assert.Equal(0, Subscription.LostMessageCount);
            Assert.True(Check.MinLatest > LatestBeforeFault + 40, $"delivery did not resume: latest {Check.MinLatest}, before fault {LatestBeforeFault}");
        }
    }
}
