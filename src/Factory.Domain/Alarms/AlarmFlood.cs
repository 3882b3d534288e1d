namespace Factory.Domain.Alarms;

/// <summary>A period in which an operator area received alarms faster than the flood threshold.</summary>
public sealed record AlarmFlood(string Area, DateTimeOffset Start, DateTimeOffset End, int Count);
