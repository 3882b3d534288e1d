namespace Factory.Scheduling.Plans;

/// <summary>A maintenance task no slot could be found for; production is planned without it.</summary>
/// <param name="TaskId">Id of the task.</param>
/// <param name="Reason">Why it could not be placed, in plain words.</param>
public sealed record UnplannedMaintenance(string TaskId, string Reason);
