namespace Factory.Scheduling.Scenarios;

/// <summary>
/// Workers may work in [<paramref name="From"/>, <paramref name="To"/>) beyond their shifts: the window is added to the shifts
/// of the named workers (every worker when <paramref name="WorkerIds"/> is empty). Workers without shifts are always on shift already.
/// </summary>
public sealed record OvertimeAllowed(long From, long To, IReadOnlyList<string> WorkerIds) : ScenarioChange;
