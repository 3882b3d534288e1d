/// <summary>The parsed arguments of <c>factory schedule solve</c>.</summary>
internal sealed record ScheduleSolveRequest(
    string Format,
    FileInfo Instance,
    string Solver,
    double TimeLimitSeconds,
    int? Seed,
    IReadOnlyList<string> Breakdowns,
    int Workers,
    string? CpSatParameters,
    bool Json);
