namespace Factory.Domain.Alarms;

/// <summary>A period in which one alarm activated again and again.</summary>
public sealed record ChatteringAlarm(string AlarmId, string MachineId, DateTimeOffset Start, DateTimeOffset End, int Activations);
