using Factory.Mqtt;
using Factory.OpcUa.Encoding;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace Factory.Connectivity.Mqtt;

/// <summary>
/// What every MQTT endpoint shares: one broker connection kept up with backoff, the connection as operators see it,
/// and a <see cref="MachineFeed"/> into the machine grains. Subclasses say what to subscribe to, how to read a
/// message and what a lost connection means for their machines.
/// </summary>
public abstract class BrokerConnector : IEndpointConnector
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private IMqttClient? _client;
    private ConnectionView _view;
    private bool _wasConnected;

    private protected BrokerConnector(BrokerEndpointSettings settings, IEnumerable<string> watched, IGrainFactory grains, TimeProvider clock, ILogger logger)
    {
        Settings = settings;
        Clock = clock;
        Logger = logger;
        Feed = new MachineFeed(settings.Id, settings.Machines.Select(m => m.Tags).ToList(), watched, settings.StaleAfter, grains, clock, logger);
        Feed.Applied += (values, at) => Applied?.Invoke(values, at);
        _view = new ConnectionView(settings.Id, settings.SiteId, settings.Broker.ToString(), "Connecting", clock.GetUtcNow(), null,
            settings.Machines.Select(m => m.MachineId).ToImmutableArray(), 0, null, 0, 0);
    }

    public event Action<ConnectionView>? Changed;

    /// <summary>Raised after values were applied to the machine grains, with the instant they were (for load runs and metrics).</summary>
    public event Action<IReadOnlyList<(TagBinding Binding, DataValue Value)>, DateTimeOffset>? Applied;

    public BrokerEndpointSettings Settings { get; }

    public string Id => Settings.Id;

    public IEnumerable<string> MachineIds => Settings.Machines.Select(m => m.MachineId);

    public ConnectionView View
    {
        get
        {
            lock (_gate)
            {
                return _view with { TagUpdates = Feed.Values, LastDataAt = Feed.LastDataAt };
            }
        }
    }

    private protected MachineFeed Feed { get; }

    private protected TimeProvider Clock { get; }

    private protected ILogger Logger { get; }

    /// <summary>The client while connected, else null.</summary>
    private protected IMqttClient? Client => _client is { IsConnected: true } client ? client : null;

    /// <summary>How often <see cref="OnTickAsync"/> runs while connected; null: never.</summary>
    private protected virtual TimeSpan? TickInterval => null;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var feed = Task.Run(() => Feed.RunAsync(cancellationToken), CancellationToken.None);
        var backoff = TimeSpan.FromMilliseconds(500);
        var factory = new MqttClientFactory();
        while (!cancellationToken.IsCancellationRequested)
        {
            SetState("Connecting", View.LastError);
            using var client = factory.CreateMqttClient();
            var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += e =>
            {
                lost.TrySetResult(e.Exception?.Message ?? e.ReasonString ?? e.Reason.ToString());
                return Task.CompletedTask;
            };
            client.ApplicationMessageReceivedAsync += e => ReceiveAsync(e.ApplicationMessage, cancellationToken);
            string reason;
            try
            {
                using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    connecting.CancelAfter(Settings.Broker.ConnectTimeout);
                    await client.ConnectAsync(BrokerOptions.Build(Settings.Broker, Will()), connecting.Token);
                }

                _client = client;
                backoff = TimeSpan.FromMilliseconds(500);
                await OnConnectedAsync(client, cancellationToken);
                lock (_gate)
                {
                    _view = _view with { Reconnects = _view.Reconnects + (_wasConnected ? 1 : 0) };
                    _wasConnected = true;
                }

                SetState("Connected", null);
                reason = await WaitUntilLostAsync(lost.Task, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await CloseAsync(client);
                break;
            }
            catch (Exception e)
            {
                reason = e.Message;
            }
            finally
            {
                _client = null;
            }

            Logger.LogWarning("Endpoint {Endpoint} ({Broker}) unavailable: {Error}", Settings.Id, Settings.Broker, reason);
            SetState("Disconnected", reason);
            await OnLostAsync(reason, Clock.GetUtcNow(), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            try
            {
                await Task.Delay(backoff, Clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
        }

        await feed.ContinueWith(_ => { }, TaskScheduler.Default);
        SetState("Closed", null);
    }

    public abstract Task<StatusCode> WriteCommandAsync(string machineId, PackMlCommand command, CancellationToken cancellationToken);

    public abstract Task<StatusCode> WriteSpeedSetpointAsync(string machineId, double setpoint, CancellationToken cancellationToken);

    /// <summary>
    /// Broker sources are not handed jobs (no job metrics are mapped for them yet): the host counts their parts against the
    /// job it released, as for a PLC without job tags.
    /// </summary>
    public Task<StatusCode> WriteJobAsync(string machineId, JobTicket? job, CancellationToken cancellationToken) => Task.FromResult(StatusCode.Good);

    /// <summary>The will to register with each connection, or null.</summary>
    private protected virtual BrokerWill? Will() => null;

    /// <summary>Subscribes (and announces itself) on a new connection.</summary>
    private protected abstract Task OnConnectedAsync(IMqttClient client, CancellationToken cancellationToken);

    /// <summary>Reads one message; called for one message at a time, in arrival order.</summary>
    private protected abstract Task OnMessageAsync(MqttApplicationMessage message, CancellationToken cancellationToken);

    /// <summary>The connection was lost (or could not be made) at <paramref name="at"/>.</summary>
    private protected abstract Task OnLostAsync(string reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Says goodbye before an intentional disconnect.</summary>
    private protected virtual Task OnClosingAsync(IMqttClient client) => Task.CompletedTask;

    /// <summary>Periodic work while connected (every <see cref="TickInterval"/>).</summary>
    private protected virtual Task OnTickAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Publishes a message: Good once sent (QoS 0) or acknowledged by the broker (QoS 1, 2).</summary>
    private protected async Task<StatusCode> PublishAsync(string topic, byte[] payload, int qualityOfService, bool retain, CancellationToken cancellationToken)
    {
        if (Client is not { } client)
        {
            return StatusCodes.BadNotConnected;
        }

        try
        {
            var result = await client.PublishAsync(BrokerOptions.Message(topic, payload, qualityOfService, retain), cancellationToken);
            return result.IsSuccess ? StatusCode.Good : StatusCodes.BadCommunicationError;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logger.LogWarning("Endpoint {Endpoint}: publishing to {Topic} failed: {Error}", Settings.Id, topic, e.Message);
            return StatusCodes.BadCommunicationError;
        }
    }

    /// <summary>Records a problem with the data (shown as the connection's last error) without changing its state.</summary>
    private protected void Note(string problem)
    {
        Logger.LogWarning("Endpoint {Endpoint}: {Problem}", Settings.Id, problem);
        lock (_gate)
        {
            _view = _view with { LastError = problem };
        }
    }

    private async Task ReceiveAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await OnMessageAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A hostile or broken message costs only itself.
            Note($"message on {message.Topic} refused: {e.Message}");
        }
    }

    private async Task<string> WaitUntilLostAsync(Task<string> lost, CancellationToken cancellationToken)
    {
        if (TickInterval is not { } interval)
        {
            return await lost.WaitAsync(cancellationToken);
        }

        using var timer = new PeriodicTimer(interval, Clock);
        while (!lost.IsCompleted)
        {
            var tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(lost, tick) == tick && await tick)
            {
                await OnTickAsync(Clock.GetUtcNow(), cancellationToken);
            }
        }

        return await lost;
    }

    private async Task CloseAsync(IMqttClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await OnClosingAsync(client).WaitAsync(timeout.Token);
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
        }
        catch (Exception e)
        {
            Logger.LogDebug("Endpoint {Endpoint}: closing the broker connection: {Error}", Settings.Id, e.Message);
        }
    }

    private void SetState(string state, string? error)
    {
        ConnectionView view;
        lock (_gate)
        {
            if (_view.State == state && _view.LastError == error)
            {
                return;
            }

            view = _view = _view with { State = state, Since = Clock.GetUtcNow(), LastError = error, Version = _view.Version + 1 };
        }

        Changed?.Invoke(view with { TagUpdates = Feed.Values, LastDataAt = Feed.LastDataAt });
    }
}
