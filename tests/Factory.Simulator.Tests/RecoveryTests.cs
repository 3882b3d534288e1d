using Factory.Domain.PackMl;
using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.Simulator.Tests;

/// <summary>Republish, TransferSubscriptions and a restarted simulator, driven by Factory.OpcUa's client.</summary>
public sealed class RecoveryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static Task<PlantSimulator> StartAsync(int port = 0) => PlantSimulator.StartAsync(new SimulatorOptions
    {
        Machines = [new SimulatedMachineSpec("M1", "L1", TimeSpan.FromMilliseconds(100))],
        Port = port,
        TickInterval = TimeSpan.FromMilliseconds(20),
        MeanTimeBetweenFailures = TimeSpan.Zero,
    });

    [Fact]
    public async Task Republish_and_transfer_to_another_session()
    {
        await using var sim = await StartAsync();
        await using var first = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = new Uri(sim.EndpointUrl) });
        var subscription = await first.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = 50 });
        await subscription.AddMonitoredItemsAsync([new MonitoredItemOptions(sim.NodeIdFor("M1", MachineTags.ProducedCount))]);
        var transferred = new TaskCompletionSource<StatusCode>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscription.StatusChanged += (_, status) => transferred.TrySetResult(status);
        using (var timeout = new CancellationTokenSource(Wait))
        {
            await subscription.Values.ReadAsync(timeout.Token);
        }

        var missing = await Assert.ThrowsAsync<ServiceResultException>(() => first.SendAsync<RepublishResponse>(new RepublishRequest { SubscriptionId = subscription.Id, RetransmitSequenceNumber = 1_000_000 }));
        Assert.Equal(StatusCodes.BadMessageNotAvailable, missing.StatusCode.Code);

        await using var second = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = new Uri(sim.EndpointUrl) });
        var response = await second.SendAsync<TransferSubscriptionsResponse>(new TransferSubscriptionsRequest { SubscriptionIds = [subscription.Id, 999_999], SendInitialValues = true });
        Assert.True(response.Results[0].StatusCode.IsGood);
        Assert.Equal(StatusCodes.BadSubscriptionIdInvalid, response.Results[1].StatusCode.Code);
        Assert.Equal(StatusCodes.GoodSubscriptionTransferred, (await transferred.Task.WaitAsync(Wait)).Code);

        // The first session no longer owns it.
        var gone = await Assert.ThrowsAsync<ServiceResultException>(() => first.SendAsync<RepublishResponse>(new RepublishRequest { SubscriptionId = subscription.Id, RetransmitSequenceNumber = 1 }));
        Assert.Equal(StatusCodes.BadSubscriptionIdInvalid, gone.StatusCode.Code);
    }

    [Fact]
    public async Task A_restarted_simulator_is_picked_up_again()
    {
        var sim = await StartAsync();
        var port = sim.Server.Port;
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = new Uri(sim.EndpointUrl), MaxReconnectDelay = TimeSpan.FromMilliseconds(500) });
        var recoveries = new List<RecoveryPath?>();
        client.StateChanged += (_, e) =>
        {
            lock (recoveries)
            {
                recoveries.Add(e.Recovery);
            }
        };
        var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = 50 });
        await subscription.AddMonitoredItemsAsync([new MonitoredItemOptions(sim.NodeIdFor("M1", MachineTags.State))]);
        using (var timeout = new CancellationTokenSource(Wait))
        {
            Assert.Equal("Execute", (await subscription.Values.ReadAsync(timeout.Token)).Value.Value.Value);
        }

        await sim.DisposeAsync();
        await Task.Delay(300);
        await using var restarted = await StartAsync(port);
        restarted.Machines["M1"].Command(PackMlCommand.Stop);
        using (var timeout = new CancellationTokenSource(Wait))
        {
            await foreach (var value in subscription.ReadAllAsync(timeout.Token))
            {
                if ((string?)value.Value.Value.Value == "Stopping" || (string?)value.Value.Value.Value == "Stopped")
                {
                    break;
                }
            }
        }

        lock (recoveries)
        {
            Assert.Contains(RecoveryPath.Recreated, recoveries);
        }
    }
}
