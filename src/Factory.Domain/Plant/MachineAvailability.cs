using Factory.Domain.PackMl;

namespace Factory.Domain.Plant;

/// <summary>
/// Whether a machine counts as failed for dispatch (reference/packml.md, "What failed means"):
/// Aborting/Aborted, Stopping/Stopped outside a planned stop, Held with a fault, Maintenance mode,
/// or Disconnected/Stale data past the grace period. Suspended is starved or blocked: a line problem.
/// </summary>
public static class MachineAvailability
{
    /// <summary>Returns null when the machine may take new work, else the reason it may not.</summary>
    public static string? WhyUnavailable(in MachineCondition condition, DateTimeOffset now, TimeSpan gracePeriod)
    {
        if (condition.Quality is DataQuality.Disconnected or DataQuality.Stale && now - condition.QualitySince >= gracePeriod)
        {
            return $"its data has been {condition.Quality} since {condition.QualitySince:O}";
        }

        if (condition.Mode == UnitMode.Maintenance)
        {
            return "it is in Maintenance mode";
        }

        return condition.State switch
        {
            PackMlState.Aborting or PackMlState.Aborted => $"it is {condition.State}",
            PackMlState.Stopping or PackMlState.Stopped when !condition.InPlannedStop => $"it is {condition.State} outside a planned stop",
            PackMlState.Held or PackMlState.Holding when condition.FaultReason is not null => $"it is {condition.State} with fault '{condition.FaultReason}'",
            _ => null,
        };
    }

    /// <summary>True when the machine counts as failed for dispatch.</summary>
    public static bool IsFailed(in MachineCondition condition, DateTimeOffset now, TimeSpan gracePeriod) =>
        WhyUnavailable(condition, now, gracePeriod) is not null;
}
