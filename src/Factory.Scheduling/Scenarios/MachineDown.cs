namespace Factory.Scheduling.Scenarios;

/// <summary>The machine is down in [<paramref name="From"/>, <paramref name="To"/>); work running on it then is interrupted and re-planned.</summary>
public sealed record MachineDown(string MachineId, long From, long To) : ScenarioChange;
