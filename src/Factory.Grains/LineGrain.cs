using Factory.Domain.Oee;
using Factory.Grains.State;
using Factory.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Factory.Grains;

/// <summary>
/// A production line. Its status and throughput are derived from the latest view of each machine
/// (<see cref="LineStatusRule"/>); only the definition and version are stored.
/// </summary>
public sealed class LineGrain(
    [PersistentState("line", StorageNames.Plant)] IPersistentState<LineState> state,
    PlantClock clock,
    IOptions<PlantOptions> options) : Grain, ILineGrain
{
    private readonly Dictionary<string, MachineView> _machines = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset At, long Good)> _outputSamples = new();
    private LineView? _view;
    private ImmutableArray<string> _lastStage = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Spec is { } spec)
        {
            await LoadMachinesAsync(spec);
        }
    }

    public async Task Define(LineSpec spec)
    {
        if (spec.SameAs(state.State.Spec))
        {
            return;
        }

        state.State.Spec = spec;
        await LoadMachinesAsync(spec);
        await RecomputeAsync(force: true);
    }

    public Task<LineView?> GetView() => Task.FromResult(state.State.Spec is null ? null : _view ?? Build());

    public async Task OnMachineChanged(MachineView machine)
    {
        if (_machines.TryGetValue(machine.Id, out var known) && known.Version >= machine.Version)
        {
            return; // one-way messages may overtake each other; keep the newest
        }

        _machines[machine.Id] = machine;
        await RecomputeAsync(force: false);
    }

    private async Task LoadMachinesAsync(LineSpec spec)
    {
        var views = await Task.WhenAll(spec.MachineIds.Select(id => GrainFactory.GetGrain<IMachineGrain>(id).GetView()));
        foreach (var view in views.OfType<MachineView>())
        {
            _machines[view.Id] = view;
        }
    }

    private async Task RecomputeAsync(bool force)
    {
        var next = Build();
        if (!force && _view is not null && next with { Version = _view.Version } == _view)
        {
            return;
        }

        state.State.Version++;
        await state.SaveOrRestoreAsync(this);
        _view = next with { Version = state.State.Version };
        GrainFactory.GetGrain<IPlantFeedGrain>(_view.SiteId).Publish(new LineChanged(_view)).Ignore();
    }

    private LineView Build()
    {
        var spec = state.State.Spec!;
        var machines = spec.MachineIds.Select(id => _machines.GetValueOrDefault(id)).OfType<MachineView>().ToList();
        var inputs = machines.Select(m => (m.State, m.Quality, Failed: !m.Available)).ToList();
        var status = LineStatusRule.Derive(inputs);
        return new LineView(
            spec.Id, spec.SiteId, spec.Name, spec.MachineIds, status, Throughput(spec),
            inputs.Count(m => PackMlStateMachine.IsProducing(m.State) && m.Quality is DataQuality.Good or DataQuality.Uncertain),
            inputs.Count(m => m.Failed),
            state.State.Version,
            _lastStage);
    }

    /// <summary>Good items per hour leaving the line (its last stage, <see cref="LineThroughput"/>) over the throughput window.</summary>
    private double Throughput(LineSpec spec)
    {
        var stage = LineThroughput.LastStage([.. spec.MachineIds.Select(id =>
            (id, (IReadOnlyCollection<string>)(_machines.TryGetValue(id, out var m) ? m.Capabilities : [])))]);
        if (!stage.SequenceEqual(_lastStage))
        {
            // Other machines count now: the old samples are not comparable.
            _lastStage = stage;
            _outputSamples.Clear();
        }

        if (stage.Any(id => !_machines.ContainsKey(id)))
        {
            return 0;
        }

        var good = stage.Sum(id => _machines[id].Telemetry.GoodCount);
        var now = clock.GetUtcNow();
        if (_outputSamples.Count == 0 || _outputSamples.Last().Good != good)
        {
            _outputSamples.Enqueue((now, good));
        }

        while (_outputSamples.Count > 2 && now - _outputSamples.Peek().At > options.Value.ThroughputWindow)
        {
            _outputSamples.Dequeue();
        }

        var first = _outputSamples.Peek();
        var hours = (now - first.At).TotalHours;
        return hours <= 0 ? 0 : Math.Round(Math.Max(0, good - first.Good) / hours, 1);
    }
}
