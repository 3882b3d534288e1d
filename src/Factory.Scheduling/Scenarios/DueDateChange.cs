namespace Factory.Scheduling.Scenarios;

/// <summary>The job is due at <paramref name="Due"/> instead.</summary>
public sealed record DueDateChange(string JobId, long Due) : ScenarioChange;
