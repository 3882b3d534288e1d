namespace Factory.Scheduling.Scenarios;

/// <summary>One hypothetical change of a what-if <see cref="Scenario"/>, applied to a copy of the problem.</summary>
public abstract record ScenarioChange;
