namespace Factory.Domain.Alarms;

/// <summary>Alarms annunciated in one hour.</summary>
public sealed record AlarmRate(DateTimeOffset HourStart, int Count);
