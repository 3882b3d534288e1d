using Factory.Domain.PackMl;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Server;

namespace Factory.Simulator;

/// <summary>
/// One simulated machine: a PackML state machine that produces parts at its cycle time with a scrap rate, heats
/// up under load, fails and is repaired after exponential times drawn from its own seeded random stream, and
/// obeys PackML commands with the legality of <see cref="PackMlStateMachine"/>. It runs jobs: given a job (its tags
/// written, the id last) it makes the job's quantity of good parts, then completes (Execute → Completing → Complete)
/// and waits for the next job. Every change is written to the machine's OPC UA variables stamped with the simulated time
/// it happened.
/// </summary>
public sealed class SimulatedMachine
{
    /// <summary>AlarmBits bit set while a failure is active.</summary>
    public const uint FaultAlarmBit = 1;

    private const double AmbientTemperature = 22;
    private const double TemperatureRise = 40;
    private static readonly TimeSpan s_thermalTimeConstant = TimeSpan.FromMinutes(5);

    private readonly object _gate = new();
    private readonly SimulatorOptions _options;
    private readonly Random _random;
    private readonly Dictionary<string, VariableNode> _tags;
    private readonly VariableNode[] _extras;
    private readonly TimeSpan _mtbf;
    private readonly TimeSpan _mttr;
    private readonly double _scrapRate;
    private DateTimeOffset _lastAdvance;
    private DateTimeOffset? _nextPartAt;
    private DateTimeOffset? _failureAt;
    private DateTimeOffset? _repairDoneAt;
    private DateTimeOffset? _actingDoneAt;
    private bool _recovering;
    private bool _startAfterRepair;
    private string _jobId = "";
    private uint _jobQuantity;
    private uint _jobGood;
    private bool _jobComplete;
    private bool _paused;
    private double _extraBudget;
    private int _extraIndex;
    private long _extraCounter;

    internal SimulatedMachine(SimulatedMachineSpec spec, SimulatorOptions options, int seed, Dictionary<string, VariableNode> tags, VariableNode[] extras, DateTimeOffset now)
    {
        Spec = spec;
        _options = options;
        _random = new Random(seed);
        _tags = tags;
        _extras = extras;
        _mtbf = spec.MeanTimeBetweenFailures ?? options.MeanTimeBetweenFailures;
        _mttr = spec.MeanTimeToRepair ?? options.MeanTimeToRepair;
        _scrapRate = Math.Clamp(spec.ScrapRate ?? options.ScrapRate, 0, 1);
        IdealRate = 60 / spec.IdealCycleTime.TotalSeconds;
        SpeedSetpoint = IdealRate;
        Temperature = AmbientTemperature;
        _lastAdvance = now;
        foreach (var node in new[] { tags[MachineTags.Command], tags[MachineTags.CommandName] })
        {
            node.WriteHandler = OnCommandWrite;
        }

        tags[MachineTags.SpeedSetpoint].WriteHandler = OnSpeedWrite;
        tags[MachineTags.JobId].WriteHandler = OnJobIdWrite;
        tags[MachineTags.JobQuantity].WriteHandler = OnJobQuantityWrite;
        tags[MachineTags.JobProduct].WriteHandler = OnJobTextWrite;
        tags[MachineTags.JobProgram].WriteHandler = OnJobTextWrite;
        Set(MachineTags.SpeedSetpoint, new Variant(SpeedSetpoint), now);
        Set(MachineTags.Mode, new Variant((int)UnitMode.Production), now);
        EnterState(spec.InitialState, now);
    }

    public SimulatedMachineSpec Spec { get; }

    public string Id => Spec.Id;

    /// <summary>Items per minute at the ideal cycle time.</summary>
    public double IdealRate { get; }

    public PackMlState State { get; private set; }

    /// <summary>When the current state began (simulated time).</summary>
    public DateTimeOffset StateSince { get; private set; }

    public uint ProducedCount { get; private set; }

    public uint GoodCount { get; private set; }

    public uint ScrapCount { get; private set; }

    public double SpeedSetpoint { get; private set; }

    public double Temperature { get; private set; }

    public uint AlarmBits { get; private set; }

    public bool Fault => (AlarmBits & FaultAlarmBit) != 0;

    /// <summary>Raised on every state change with the new state and its simulated time (called under the machine's lock: keep handlers short).</summary>
    public event EventHandler<MachineStateChangedEventArgs>? StateChanged;

    /// <summary>
    /// True freezes the machine: no time passes for it and none of its tags change (a PLC whose data went stale).
    /// Commands still work. Setting it back to false resumes from the current time without catching up.
    /// </summary>
    public bool Paused
    {
        get => Volatile.Read(ref _paused);
        set
        {
            lock (_gate)
            {
                if (_paused && !value)
                {
                    Resume(_options.TimeProvider.GetUtcNow());
                }

                _paused = value;
            }
        }
    }

    /// <summary>Failures so far.</summary>
    public int FailureCount { get; private set; }

    /// <summary>The job it runs ("" for none).</summary>
    public string JobId
    {
        get
        {
            lock (_gate)
            {
                return _jobId;
            }
        }
    }

    /// <summary>Good parts made for the current job.</summary>
    public uint JobGood
    {
        get
        {
            lock (_gate)
            {
                return _jobGood;
            }
        }
    }

    /// <summary>Gives the machine a job (as a PLC client writing its job tags would): quantity first, then the id.</summary>
    public void GiveJob(string jobId, uint quantity)
    {
        lock (_gate)
        {
            var now = _options.TimeProvider.GetUtcNow();
            _jobQuantity = quantity;
            Set(MachineTags.JobQuantity, new Variant(quantity), now);
            TakeJob(jobId, now);
        }
    }

    /// <summary>Applies a PackML command now; a refused command changes nothing.</summary>
    public PackMlTransition Command(PackMlCommand command)
    {
        lock (_gate)
        {
            var now = _options.TimeProvider.GetUtcNow();
            if (!_paused)
            {
                AdvanceLocked(now);
            }

            var transition = PackMlStateMachine.Apply(State, command, Spec.HoldExtensions);
            if (!transition.Accepted)
            {
                return transition;
            }

            _recovering = false;
            if (command == PackMlCommand.Clear)
            {
                ClearFault(now);
            }

            Set(MachineTags.Command, new Variant((int)command), now);
            Set(MachineTags.CommandName, new Variant(command.ToString()), now);
            EnterState(transition.Target, now);
            return transition;
        }
    }

    /// <summary>Runs the model up to <paramref name="now"/>, event by event in time order.</summary>
    internal void Advance(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_paused)
            {
                AdvanceLocked(now);
            }
        }
    }

    private void Resume(DateTimeOffset now)
    {
        // The paused span is skipped: every pending event moves later by it.
        var shift = now - _lastAdvance;
        _nextPartAt += shift;
        _failureAt += shift;
        _repairDoneAt += shift;
        _actingDoneAt += shift;
        _lastAdvance = now;
    }

    private void AdvanceLocked(DateTimeOffset now)
    {
        while (true)
        {
            var repairAt = State == PackMlState.Aborted && _options.AutoRecover && _repairDoneAt is { } r ? Max(r, StateSince) : (DateTimeOffset?)null;
            var next = Min(Min(_actingDoneAt, _nextPartAt), Min(_failureAt, repairAt));
            if (next is not { } at || at > now)
            {
                break;
            }

            UpdateTemperature(at);
            if (at == _failureAt)
            {
                Fail(at);
            }
            else if (at == _actingDoneAt)
            {
                CompleteActing(at);
            }
            else if (at == _nextPartAt)
            {
                ProducePart(at);
            }
            else
            {
                _repairDoneAt = null;
                _recovering = true;
                ClearFault(at);
                EnterState(PackMlStateMachine.Apply(State, PackMlCommand.Clear).Target, at);
            }
        }

        UpdateTemperature(now);
        Set(MachineTags.Temperature, new Variant(Math.Round(Temperature, 1)), now);
        // The watchdog a real PLC toggles: it changes while the PLC runs, even when the machine rightly stands still.
        Set(MachineTags.Heartbeat, new Variant((uint)(now.ToUnixTimeSeconds() & uint.MaxValue)), now);
        UpdateExtras(now);
    }

    private void ProducePart(DateTimeOffset at)
    {
        ProducedCount++;
        var good = _random.NextDouble() >= _scrapRate;
        if (!good)
        {
            ScrapCount++;
            Set(MachineTags.ScrapCount, new Variant(ScrapCount), at);
        }
        else
        {
            GoodCount++;
            Set(MachineTags.GoodCount, new Variant(GoodCount), at);
        }

        Set(MachineTags.ProducedCount, new Variant(ProducedCount), at);
        _nextPartAt = at + CycleTime();
        if (!good || _jobId.Length == 0 || _jobComplete)
        {
            return;
        }

        _jobGood++;
        Set(MachineTags.JobGood, new Variant(_jobGood), at);
        if (_jobGood >= _jobQuantity)
        {
            // The job's quantity is made: the machine completes by itself and waits for the next job.
            _jobComplete = true;
            Set(MachineTags.JobComplete, new Variant(true), at);
            EnterState(PackMlState.Completing, at);
        }
    }

    private void TakeJob(string jobId, DateTimeOffset at)
    {
        _jobId = jobId;
        _jobGood = 0;
        _jobComplete = false;
        Set(MachineTags.JobId, new Variant(jobId), at);
        Set(MachineTags.JobGood, new Variant(0u), at);
        Set(MachineTags.JobComplete, new Variant(false), at);
    }

    private void Fail(DateTimeOffset at)
    {
        FailureCount++;
        AlarmBits |= FaultAlarmBit;
        Set(MachineTags.AlarmBits, new Variant(AlarmBits), at);
        Set(MachineTags.Fault, new Variant(true), at);
        _repairDoneAt = at + Exponential(_mttr);
        // A machine that was running a job waits in Idle after its repair for the job to be given again; one running free resumes.
        _startAfterRepair = _jobId.Length == 0 || _jobComplete;
        EnterState(PackMlState.Aborting, at);
    }

    private void CompleteActing(DateTimeOffset at)
    {
        EnterState(PackMlStateMachine.StateComplete(State), at);
        if (!_recovering)
        {
            return;
        }

        // After a repair the machine walks Clear → Reset → Start by itself, one acting state at a time.
        var command = State switch
        {
            PackMlState.Stopped => PackMlCommand.Reset,
            PackMlState.Idle when _startAfterRepair => PackMlCommand.Start,
            _ => (PackMlCommand?)null,
        };
        if (command is { } c)
        {
            EnterState(PackMlStateMachine.Apply(State, c, Spec.HoldExtensions).Target, at);
        }
        else if (State is PackMlState.Execute or PackMlState.Idle)
        {
            _recovering = false;
        }
    }

    private void EnterState(PackMlState state, DateTimeOffset at)
    {
        State = state;
        StateSince = at;
        var producing = state == PackMlState.Execute;
        _nextPartAt = producing ? at + CycleTime() : null;
        _failureAt = producing && _mtbf > TimeSpan.Zero ? at + Exponential(_mtbf) : null;
        _actingDoneAt = PackMlStateMachine.IsTransient(state) ? at + _options.ActingStateDuration : null;
        Set(MachineTags.State, new Variant(state.ToString()), at);
        Set(MachineTags.StateCurrent, new Variant((int)state), at);
        Set(MachineTags.Speed, new Variant(producing ? SpeedSetpoint : 0d), at);
        StateChanged?.Invoke(this, new MachineStateChangedEventArgs(Id, state, at));
    }

    private void ClearFault(DateTimeOffset at)
    {
        AlarmBits &= ~FaultAlarmBit;
        Set(MachineTags.AlarmBits, new Variant(AlarmBits), at);
        Set(MachineTags.Fault, new Variant(false), at);
    }

    private void UpdateTemperature(DateTimeOffset at)
    {
        var dt = at - _lastAdvance;
        if (dt <= TimeSpan.Zero)
        {
            return;
        }

        _lastAdvance = at;
        var load = State == PackMlState.Execute ? SpeedSetpoint / IdealRate : 0;
        var target = AmbientTemperature + (TemperatureRise * load);
        Temperature = target + ((Temperature - target) * Math.Exp(-dt / s_thermalTimeConstant));
    }

    private void UpdateExtras(DateTimeOffset now)
    {
        if (_extras.Length == 0 || _options.ExtraUpdatesPerMachinePerSecond <= 0)
        {
            return;
        }

        _extraBudget = Math.Min(_extraBudget + (_options.ExtraUpdatesPerMachinePerSecond * _options.TickInterval.TotalSeconds), 100_000);
        while (_extraBudget >= 1)
        {
            _extraBudget--;
            _extras[_extraIndex].SetValue(new Variant((double)++_extraCounter), now.UtcDateTime);
            _extraIndex = (_extraIndex + 1) % _extras.Length;
        }
    }

    private StatusCode OnCommandWrite(VariableNode node, Variant value)
    {
        PackMlCommand command;
        if (value.Value is int number)
        {
            if (!Enum.IsDefined((PackMlCommand)number))
            {
                return new StatusCode(StatusCodes.BadOutOfRange);
            }

            command = (PackMlCommand)number;
        }
        else if (value.Value is string name && Enum.TryParse(name, ignoreCase: true, out command) && Enum.IsDefined(command) && !int.TryParse(name, out _))
        {
        }
        else
        {
            return new StatusCode(StatusCodes.BadOutOfRange);
        }

        return Command(command).Accepted ? StatusCode.Good : new StatusCode(StatusCodes.BadInvalidState);
    }

    private StatusCode OnJobIdWrite(VariableNode node, Variant value)
    {
        if (value.Value is not string jobId || jobId.Length > 256)
        {
            return new StatusCode(StatusCodes.BadTypeMismatch);
        }

        lock (_gate)
        {
            var now = _options.TimeProvider.GetUtcNow();
            AdvanceLocked(now);
            if (jobId.Length > 0 && _jobQuantity == 0)
            {
                return new StatusCode(StatusCodes.BadOutOfRange); // a job needs its quantity first
            }

            TakeJob(jobId, now);
        }

        return StatusCode.Good;
    }

    private StatusCode OnJobQuantityWrite(VariableNode node, Variant value)
    {
        if (value.Value is not uint quantity || quantity == 0 || quantity > 10_000_000)
        {
            return new StatusCode(StatusCodes.BadOutOfRange);
        }

        lock (_gate)
        {
            _jobQuantity = quantity;
            Set(MachineTags.JobQuantity, new Variant(quantity), _options.TimeProvider.GetUtcNow());
        }

        return StatusCode.Good;
    }

    private StatusCode OnJobTextWrite(VariableNode node, Variant value)
    {
        if (value.Value is not string text || text.Length > 256)
        {
            return new StatusCode(StatusCodes.BadTypeMismatch);
        }

        lock (_gate)
        {
            node.SetValue(value, _options.TimeProvider.GetUtcNow().UtcDateTime);
        }

        return StatusCode.Good;
    }

    private StatusCode OnSpeedWrite(VariableNode node, Variant value)
    {
        if (value.Value is not double speed || !double.IsFinite(speed) || speed <= 0 || speed > IdealRate * 10)
        {
            return new StatusCode(StatusCodes.BadOutOfRange);
        }

        lock (_gate)
        {
            var now = _options.TimeProvider.GetUtcNow();
            AdvanceLocked(now);
            SpeedSetpoint = speed;
            Set(MachineTags.SpeedSetpoint, new Variant(speed), now);
            if (State == PackMlState.Execute)
            {
                Set(MachineTags.Speed, new Variant(speed), now);
            }
        }

        return StatusCode.Good;
    }

    private TimeSpan CycleTime() => TimeSpan.FromSeconds(60 / SpeedSetpoint);

    private TimeSpan Exponential(TimeSpan mean) => TimeSpan.FromTicks((long)(-Math.Log(1 - _random.NextDouble()) * mean.Ticks));

    private void Set(string tag, Variant value, DateTimeOffset at)
    {
        var node = _tags[tag];
        if (!node.Value.Value.Equals(value) || tag is MachineTags.Command or MachineTags.CommandName)
        {
            node.SetValue(value, at.UtcDateTime);
        }
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
