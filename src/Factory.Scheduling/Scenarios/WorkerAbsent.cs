namespace Factory.Scheduling.Scenarios;

/// <summary>The worker is away in [<paramref name="From"/>, <paramref name="To"/>); work they run then is interrupted and re-planned.</summary>
public sealed record WorkerAbsent(string WorkerId, long From, long To) : ScenarioChange;
