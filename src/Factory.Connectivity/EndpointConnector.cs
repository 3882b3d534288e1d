using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Microsoft.Extensions.Logging;

namespace Factory.Connectivity;

/// <summary>
/// One OPC UA session to one endpoint: resolves the machines' tag maps, subscribes, and feeds each publish into
/// the machine grains as one batch per machine. Marks the machines Disconnected when the endpoint is lost and
/// Stale when their data stops, and writes commands to the PLC.
/// </summary>
public sealed class EndpointConnector(EndpointSettings settings, IGrainFactory grains, TimeProvider clock, ILogger logger) : IEndpointConnector
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private static readonly NodeId RootFolder = new(84u);

    // The most values applied as one batch (one grain call per machine each).
    private const int MaxBatch = 65_536;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _lastData = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stale = new(StringComparer.Ordinal);
    private readonly StateProblems _stateProblems = new();
    private readonly Dictionary<string, WriteNodes> _writeNodes = new(StringComparer.Ordinal);
    private OpcUaClient? _client;
    private CancellationTokenSource? _resubscribe;
    private ConnectionView _view = new(settings.Id, settings.SiteId, settings.Url.ToString(), "Connecting", clock.GetUtcNow(), null,
        settings.Machines.Select(m => m.MachineId).ToImmutableArray(), 0, null, 0, 0);

    /// <summary>Raised on every connection state change (not on data).</summary>
    public event Action<ConnectionView>? Changed;

    /// <summary>
    /// Raised after a publish's values were applied to the machine grains, with the instant they were: for load runs
    /// and metrics (latency from each value's SourceTimestamp to applied grain state).
    /// </summary>
    public event Action<IReadOnlyList<(TagBinding Binding, DataValue Value)>, DateTimeOffset>? Applied;

    public EndpointSettings Settings => settings;

    public string Id => settings.Id;

    public IEnumerable<string> MachineIds => settings.Machines.Select(m => m.MachineId);

    /// <summary>The connection as it stands, with the counters of received data.</summary>
    public ConnectionView View
    {
        get
        {
            lock (_gate)
            {
                return _view;
            }
        }
    }

    /// <summary>Connects, subscribes and pumps data until cancelled, reconnecting with backoff.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        using var staleness = new PeriodicTimer(TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 100, settings.StaleAfter.Ticks / 4)), clock);
        var watch = WatchStalenessAsync(staleness, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                SetState("Connecting", null);
                await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions
                {
                    Endpoint = settings.Url,
                    Identity = settings.User is null ? UserIdentity.Anonymous : UserIdentity.FromUserName(settings.User, settings.Password ?? ""),
                    SessionName = $"factory:{settings.Id}",
                    DeadConnectionTimeout = settings.DeadConnectionTimeout,
                    ApplicationUri = settings.Security?.ApplicationUri ?? OpcUaSecurity.DefaultApplicationUri,
                    Channel = new Factory.OpcUa.SecureChannel.SecureChannelOptions
                    {
                        SecurityPolicyUri = settings.SecurityPolicy,
                        SecurityMode = settings.SecurityMode,
                        ApplicationCertificate = settings.Security?.Certificate,
                    },
                    // Without a trust list every server would be accepted, so a secured endpoint without one fails to connect instead.
                    ServerCertificateValidator = settings.Security is { } security ? security.Store.ValidateServerCertificate : null,
                    // The wire keeps real time (keep-alives, timeouts) even when the plant's clock runs fast for a demo.
                    TimeProvider = TimeProvider.System,
                }, cancellationToken);
                client.StateChanged += OnClientStateChanged;
                _client = client;
                backoff = TimeSpan.FromMilliseconds(500);
                await PumpUntilLostAsync(client, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("Endpoint {Endpoint} ({Url}) unavailable: {Error}", settings.Id, settings.Url, e.Message);
                SetState("Disconnected", e.Message);
                await MarkMachinesAsync(DataQuality.Disconnected, e.Message);
            }
            finally
            {
                _client = null;
            }

            try
            {
                await Task.Delay(backoff, clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
        }

        await watch.ContinueWith(_ => { }, TaskScheduler.Default);
        SetState("Closed", null);
    }

    /// <summary>Writes a PackML command to the machine's command node. Returns the PLC's status (Good when written).</summary>
    public async Task<StatusCode> WriteCommandAsync(string machineId, PackMlCommand command, CancellationToken cancellationToken)
    {
        var map = settings.Machines.FirstOrDefault(m => m.MachineId == machineId);
        if (map?.Command is null)
        {
            return new StatusCode(0x803D0000); // BadNotSupported: the tag map names no command node
        }

        var value = map.CommandEncoding == StateEncoding.Name
            ? new Variant(command.ToString())
            : new Variant(map.CommandTable?.GetValueOrDefault(command, (int)command) ?? (int)command);
        return await WriteAsync(machineId, n => n.Command, value, cancellationToken);
    }

    /// <summary>Writes a speed setpoint (items per minute) to the machine's setpoint node.</summary>
    public Task<StatusCode> WriteSpeedSetpointAsync(string machineId, double setpoint, CancellationToken cancellationToken) =>
        WriteAsync(machineId, n => n.Setpoint, new Variant(setpoint), cancellationToken);

    /// <summary>
    /// Writes a job to the machine's job tags: product, quantity and program first, the job id last (a PLC takes the job when
    /// its id changes); null clears the job (an empty id). Good when written, or when the tag map names no job tags.
    /// </summary>
    public async Task<StatusCode> WriteJobAsync(string machineId, JobTicket? job, CancellationToken cancellationToken)
    {
        var map = settings.Machines.FirstOrDefault(m => m.MachineId == machineId);
        if (map?.Job?.Id is null)
        {
            return StatusCode.Good; // this PLC is not handed jobs: the host counts its parts against the job
        }

        if (job is not null)
        {
            foreach (var (pick, value) in new (Func<WriteNodes, NodeId?>, object?)[]
                     {
                         (n => n.JobProduct, job.Product), (n => n.JobQuantity, job.Quantity), (n => n.JobProgram, job.Program ?? ""),
                     })
            {
                var status = await WriteLikeCurrentAsync(machineId, pick, value, cancellationToken);
                if (!status.IsGood)
                {
                    return status;
                }
            }
        }

        return await WriteLikeCurrentAsync(machineId, n => n.JobId, job?.JobId ?? "", cancellationToken);
    }

    /// <summary>
    /// Writes a value in the type the node holds now (PLCs type their tags Int16, UInt32, Double, String…, and a write of
    /// another type is refused). A node the tag map does not name is skipped.
    /// </summary>
    private async Task<StatusCode> WriteLikeCurrentAsync(string machineId, Func<WriteNodes, NodeId?> pick, object? value, CancellationToken cancellationToken)
    {
        var client = _client;
        NodeId? node;
        lock (_gate)
        {
            node = _writeNodes.TryGetValue(machineId, out var nodes) ? pick(nodes) : null;
        }

        if (node is null)
        {
            return StatusCode.Good;
        }

        if (client is null || client.State != ConnectionState.Connected)
        {
            return new StatusCode(0x808A0000); // BadNotConnected
        }

        var current = await client.ReadValueAsync(node, cancellationToken);
        var typed = PlcValueType.Like(current.Value, value);
        return typed is { } v ? await client.WriteValueAsync(node, v, cancellationToken) : new StatusCode(0x80740000); // BadTypeMismatch
    }

    private async Task<StatusCode> WriteAsync(string machineId, Func<WriteNodes, NodeId?> pick, Variant value, CancellationToken cancellationToken)
    {
        var client = _client;
        NodeId? node;
        lock (_gate)
        {
            node = _writeNodes.TryGetValue(machineId, out var nodes) ? pick(nodes) : null;
        }

        if (client is null || client.State != ConnectionState.Connected)
        {
            return new StatusCode(0x808A0000); // BadNotConnected
        }

        if (node is null)
        {
            return new StatusCode(0x803D0000); // BadNotSupported
        }

        return await client.WriteValueAsync(node, value, cancellationToken);
    }

    private async Task PumpUntilLostAsync(OpcUaClient client, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            using var resubscribe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            lock (_gate)
            {
                _resubscribe = resubscribe;
            }
            var (subscription, bindings) = await SubscribeAsync(client, cancellationToken);
            SetState("Connected", View.LastError);
            await MarkMachinesAsync(DataQuality.Good, null);
            try
            {
                await PumpAsync(subscription, bindings, resubscribe.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lock (_gate)
                {
                    _resubscribe = null;
                }

                // The server restarted and the client recreated its session: resolve the tag maps again.
                logger.LogInformation("Endpoint {Endpoint}: resolving tag maps again after a server restart", settings.Id);
                await subscription.DeleteAsync(CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }

            lock (_gate)
            {
                _resubscribe = null;
            }

            if (client.State == ConnectionState.Closed)
            {
                throw new InvalidOperationException("the session was closed");
            }
        }
    }

    private async Task<(Subscription Subscription, Dictionary<uint, TagBinding> Bindings)> SubscribeAsync(OpcUaClient client, CancellationToken cancellationToken)
    {
        var tags = settings.Machines.SelectMany(m => m.Tags().Select(t => (Machine: m, t.Kind, t.Name, t.Reference))).ToList();
        var writes = settings.Machines.SelectMany(m => new[] { (m, "command", m.Command), (m, "setpoint-write", m.SpeedSetpointWrite) }
                .Concat((m.Job?.Written() ?? []).Select(t => (m, "job", (TagReference?)t))))
            .Where(w => w.Item3 is not null).ToList();
        var resolved = await ResolveAsync(client, tags.Select(t => t.Reference).Concat(writes.Select(w => w.Item3!)).Distinct().ToList(), cancellationToken);
        lock (_gate)
        {
            _writeNodes.Clear();
            foreach (var m in settings.Machines)
            {
                NodeId? Node(TagReference? t) => t is null ? null : resolved.GetValueOrDefault(t.Text);
                _writeNodes[m.MachineId] = new WriteNodes(
                    Node(m.Command), Node(m.SpeedSetpointWrite ?? m.Setpoint),
                    Node(m.Job?.Id), Node(m.Job?.Product), Node(m.Job?.Quantity), Node(m.Job?.Program));
            }
        }

        var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions
        {
            PublishingInterval = settings.PublishingInterval.TotalMilliseconds,
        }, cancellationToken);
        var options = new List<MonitoredItemOptions>();
        var pending = new List<TagBinding>();
        foreach (var tag in tags)
        {
            if (!resolved.TryGetValue(tag.Reference.Text, out var node))
            {
                continue;
            }

            options.Add(new MonitoredItemOptions(node)
            {
                SamplingInterval = settings.SamplingInterval.TotalMilliseconds,
                // Keep every state change between two publishes: each becomes its own interval.
                QueueSize = tag.Kind == TagKind.State ? 16u : 1u,
            });
            pending.Add(new TagBinding(tag.Machine, tag.Kind, tag.Name));
        }

        var items = await subscription.AddMonitoredItemsAsync(options, cancellationToken);
        var bindings = new Dictionary<uint, TagBinding>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Status.IsBad)
            {
                Note($"tag {pending[i].Name} of {pending[i].Machine.MachineId}: {items[i].Status.Name}");
                continue;
            }

            bindings[items[i].ClientHandle] = pending[i];
        }

        return (subscription, bindings);
    }

    private async Task<Dictionary<string, NodeId>> ResolveAsync(OpcUaClient client, IReadOnlyList<TagReference> references, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, NodeId>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            if (!reference.IsBrowsePath)
            {
                if (NodeId.TryParse(reference.Text, out var id))
                {
                    resolved[reference.Text] = id;
                }
                else
                {
                    Note($"'{reference.Text}' is neither a NodeId nor a browse path");
                }

                continue;
            }

            try
            {
                resolved[reference.Text] = await client.ResolvePathAsync(RootFolder, reference.PathElements(), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Note($"browse path {reference.Text} did not resolve: {e.Message}");
            }
        }

        return resolved;
    }

    private async Task PumpAsync(Subscription subscription, Dictionary<uint, TagBinding> bindings, CancellationToken cancellationToken)
    {
        var reader = subscription.Values;
        var batch = new List<(TagBinding, DataValue)>(1024);
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var value))
            {
                if (bindings.TryGetValue(value.ClientHandle, out var binding))
                {
                    batch.Add((binding, value.Value));
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            // Values still waiting after a full take: ingest is behind the plant. Apply the latest of each level-like tag
            // rather than every stale sample (TagCoalescing), so it catches up instead of falling further behind.
            var queued = reader.CanCount ? reader.Count : 0;
            var dropped = 0;
            if (queued > 0 || batch.Count >= MaxBatch)
            {
                var (kept, left) = TagCoalescing.KeepLatest(batch);
                batch.Clear();
                batch.AddRange(kept);
                dropped = left;
            }

            var now = clock.GetUtcNow();
            var perMachine = _stateProblems.Apply(TelemetryBatcher.Batch(settings.Id, batch, now),
                (machine, problem) => logger.LogWarning("Endpoint {Endpoint}: machine {Machine}: {Problem}; its data is Uncertain until it reports a known state", settings.Id, machine, problem));
            HashSet<string>? stillStale = null;
            lock (_gate)
            {
                // A machine with a heartbeat is alive while its heartbeat changes; any other, while any value does.
                foreach (var (binding, _) in batch)
                {
                    if (binding.Kind == TagKind.Heartbeat || binding.Machine.Heartbeat is null)
                    {
                        _lastData[binding.Machine.MachineId] = now;
                        _stale.Remove(binding.Machine.MachineId);
                    }
                }

                _view = _view with { TagUpdates = _view.TagUpdates + batch.Count, LastDataAt = now };
                foreach (var (machine, _) in perMachine)
                {
                    if (_stale.Contains(machine))
                    {
                        (stillStale ??= new(StringComparer.Ordinal)).Add(machine);
                    }
                }
            }

            if (stillStale is not null)
            {
                // Values without a heartbeat do not make a machine whose heartbeat stopped trusted again.
                perMachine = [.. perMachine.Select(p => stillStale.Contains(p.MachineId) && p.Telemetry.Quality < DataQuality.Bad
                    ? (p.MachineId, p.Telemetry with { Quality = DataQuality.Stale })
                    : p)];
            }

            // One call per machine and publish; a machine's batches stay in order.
            await Task.WhenAll(perMachine.GroupBy(t => t.MachineId).Select(async g =>
            {
                var grain = grains.GetGrain<IMachineGrain>(g.Key);
                foreach (var (_, telemetry) in g)
                {
                    await grain.ApplyTelemetry(telemetry);
                }
            }));
            var appliedAt = clock.GetUtcNow();
            var oldest = OldestSource(batch);
            lock (_gate)
            {
                _view = _view with
                {
                    BehindBySeconds = oldest is { } o ? Math.Max(0, (appliedAt - o).TotalSeconds) : _view.BehindBySeconds,
                    Queued = queued,
                    Coalesced = _view.Coalesced + dropped,
                };
            }

            ConnectivityMeter.Applied(settings.Id, batch, appliedAt);
            Applied?.Invoke(batch, appliedAt);
            batch.Clear();
        }
    }

    private static DateTimeOffset? OldestSource(List<(TagBinding Binding, DataValue Value)> batch)
    {
        var oldest = DateTime.MaxValue;
        foreach (var (_, value) in batch)
        {
            if (value.SourceTimestamp > DateTime.MinValue && value.SourceTimestamp < oldest)
            {
                oldest = value.SourceTimestamp;
            }
        }

        return oldest == DateTime.MaxValue ? null : new DateTimeOffset(DateTime.SpecifyKind(oldest, DateTimeKind.Utc));
    }

    private async Task WatchStalenessAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (View.State != "Connected")
                {
                    continue;
                }

                var now = clock.GetUtcNow();
                List<string> stale;
                lock (_gate)
                {
                    stale = settings.Machines.Select(m => m.MachineId)
                        .Where(m => !_stale.Contains(m) && now - _lastData.GetValueOrDefault(m, _view.Since) > settings.StaleAfter)
                        .ToList();
                    _stale.UnionWith(stale);
                }

                foreach (var machine in stale)
                {
                    await grains.GetGrain<IMachineGrain>(machine).SetDataQuality(DataQuality.Stale, $"no data for {settings.StaleAfter.TotalSeconds:0.#} s");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void OnClientStateChanged(object? sender, ConnectionStateChangedEventArgs e)
    {
        // Raised on a pool thread by the client: it must never throw.
        try
        {
            HandleClientState(e);
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Endpoint {Endpoint}: handling a connection change failed", settings.Id);
        }
    }

    private void HandleClientState(ConnectionStateChangedEventArgs e)
    {
        switch (e.Current)
        {
            case ConnectionState.Reconnecting:
                SetState("Reconnecting", e.Reason);
                _ = MarkMachinesAsync(DataQuality.Disconnected, e.Reason);
                break;
            case ConnectionState.Connected when e.Previous == ConnectionState.Reconnecting:
                lock (_gate)
                {
                    _view = _view with { Reconnects = _view.Reconnects + 1 };
                }

                SetState("Connected", null);
                _ = MarkMachinesAsync(DataQuality.Good, null);
                if (e.Recovery == RecoveryPath.Recreated)
                {
                    Resubscribe();
                }

                break;
            case ConnectionState.Closed:
                Resubscribe();
                break;
        }
    }

    private void Resubscribe()
    {
        lock (_gate)
        {
            try
            {
                _resubscribe?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The pump ended (shutting down) before it cleared its token: there is nothing left to resubscribe.
            }
        }
    }

    private async Task MarkMachinesAsync(DataQuality quality, string? reason)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            foreach (var m in settings.Machines)
            {
                _lastData[m.MachineId] = now;
            }

            _stale.Clear();
        }

        try
        {
            await Task.WhenAll(settings.Machines.Select(m => grains.GetGrain<IMachineGrain>(m.MachineId).SetDataQuality(quality, reason)));
        }
        catch (Orleans.Runtime.SiloUnavailableException e)
        {
            // This host's silo is stopping: the endpoint's next holder (or the next start) marks the machines.
            logger.LogDebug("Machines of {Endpoint} not marked {Quality}: {Error}", settings.Id, quality, e.Message);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not mark the machines of {Endpoint} {Quality}", settings.Id, quality);
        }
    }

    private void Note(string problem)
    {
        logger.LogWarning("Endpoint {Endpoint}: {Problem}", settings.Id, problem);
        lock (_gate)
        {
            _view = _view with { LastError = problem };
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

            view = _view = _view with { State = state, Since = clock.GetUtcNow(), LastError = error, Version = _view.Version + 1 };
        }

        Changed?.Invoke(view);
    }

    /// <summary>The resolved nodes a machine's writes go to.</summary>
    private sealed record WriteNodes(NodeId? Command, NodeId? Setpoint, NodeId? JobId, NodeId? JobProduct, NodeId? JobQuantity, NodeId? JobProgram);
}
