namespace Factory.Simulator;

/// <summary>The tag names every simulated machine exposes (NodeId <c>ns=2;s=&lt;machine&gt;.&lt;tag&gt;</c>).</summary>
public static class MachineTags
{
    /// <summary>String: the PackML state name (Execute, Aborted...).</summary>
    public const string State = "State";

    /// <summary>Int32: the PackTags StateCurrent number.</summary>
    public const string StateCurrent = "StateCurrent";

    /// <summary>Int32: the unit mode (1 Production, 2 Maintenance, 3 Manual).</summary>
    public const string Mode = "Mode";

    /// <summary>UInt32: parts produced (good + scrap).</summary>
    public const string ProducedCount = "ProducedCount";

    /// <summary>UInt32: good parts.</summary>
    public const string GoodCount = "GoodCount";

    /// <summary>UInt32: scrap parts.</summary>
    public const string ScrapCount = "ScrapCount";

    /// <summary>Double: actual speed in items/min (0 unless producing).</summary>
    public const string Speed = "Speed";

    /// <summary>Double, writable: the speed setpoint in items/min.</summary>
    public const string SpeedSetpoint = "SpeedSetpoint";

    /// <summary>Double: temperature in °C, following the load.</summary>
    public const string Temperature = "Temperature";

    /// <summary>UInt32: alarm bits (bit 0: machine fault).</summary>
    public const string AlarmBits = "AlarmBits";

    /// <summary>Boolean: a fault is active.</summary>
    public const string Fault = "Fault";

    /// <summary>Int32, writable: the PackML CntrlCmd number (1 Reset ... 10 Complete).</summary>
    public const string Command = "Command";

    /// <summary>String, writable: the PackML command by name (Start, Stop, Clear...).</summary>
    public const string CommandName = "CommandName";

    /// <summary>UInt32: the PLC's watchdog, seconds since the Unix epoch, changing every second while the machine's PLC runs.</summary>
    public const string Heartbeat = "Heartbeat";

    /// <summary>String, writable: the job to run (<c>WO-1001/20</c>; "" for none). Written last, after the job's other tags; read back, it is the job the machine runs.</summary>
    public const string JobId = "JobId";

    /// <summary>String, writable: the product of the job.</summary>
    public const string JobProduct = "JobProduct";

    /// <summary>UInt32, writable: good parts the job must make.</summary>
    public const string JobQuantity = "JobQuantity";

    /// <summary>String, writable: the program or recipe of the job.</summary>
    public const string JobProgram = "JobProgram";

    /// <summary>UInt32: good parts made for the current job.</summary>
    public const string JobGood = "JobGood";

    /// <summary>Boolean: the current job's quantity is made.</summary>
    public const string JobComplete = "JobComplete";

    /// <summary>Every standard tag.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        State, StateCurrent, Mode, ProducedCount, GoodCount, ScrapCount, Speed, SpeedSetpoint, Temperature, AlarmBits, Fault, Command, CommandName, Heartbeat,
        JobId, JobProduct, JobQuantity, JobProgram, JobGood, JobComplete,
    ];
}
