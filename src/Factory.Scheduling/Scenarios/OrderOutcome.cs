namespace Factory.Scheduling.Scenarios;

/// <summary>One job in a scenario comparison.</summary>
/// <param name="JobId">The job.</param>
/// <param name="LiveEnd">When it ends in the live plan (null: not in it, e.g. a rush order).</param>
/// <param name="ScenarioEnd">When it ends in the scenario plan.</param>
/// <param name="LiveDue">Its due date live.</param>
/// <param name="ScenarioDue">Its due date in the scenario.</param>
public sealed record OrderOutcome(string JobId, long? LiveEnd, long? ScenarioEnd, long? LiveDue, long? ScenarioDue)
{
    /// <summary>Late in the live plan.</summary>
    public bool LateLive => LiveEnd is { } e && LiveDue is { } d && e > d;

    /// <summary>Late in the scenario plan.</summary>
    public bool LateInScenario => ScenarioEnd is { } e && ScenarioDue is { } d && e > d;
}
