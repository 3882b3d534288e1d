namespace Factory.Scheduling.Scenarios;

/// <summary>The job's weight (priority, at least 1) becomes <paramref name="Weight"/>.</summary>
public sealed record PriorityChange(string JobId, int Weight) : ScenarioChange;
