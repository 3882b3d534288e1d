using Factory.Domain.PackMl;

namespace Factory.Domain.Oee;

/// <summary>
/// The downtime list a person explains: a PackML acting state (Aborting, Clearing, Stopping, Resetting, Starting,
/// Holding, Unholding, Suspending, Unsuspending, Completing) lasts a few seconds on its way into or out of a stop and
/// is no stop of its own, so it joins the stop it belongs to — the one right before it (Clearing after Aborted,
/// Resetting after Stopped, Starting after Idle), else the one right after it (Aborting before Aborted, Stopping before
/// Stopped). Only touching stretches of one machine join; an acting stretch with neither stays on its own. The joined
/// stop keeps its state, element and interval start (its reason key), so a reason given to it explains its acting
/// seconds too; lost time is neither added nor lost.
/// </summary>
public static class ActingStateMerge
{
    /// <summary>The stops of one machine, oldest first, with acting stretches joined to their stops.</summary>
    public static IReadOnlyList<DowntimeStop> Apply(IReadOnlyList<DowntimeStop> stops)
    {
        ArgumentNullException.ThrowIfNull(stops);
        var merged = new List<DowntimeStop>(stops.Count);
        foreach (var stop in stops)
        {
            var previous = merged.Count > 0 ? merged[^1] : null;
            var touching = previous is not null && previous.MachineId == stop.MachineId && previous.End == stop.Start;
            if (touching && IsActing(stop.State))
            {
                merged[^1] = previous! with { End = stop.End };
            }
            else if (touching && IsActing(previous!.State))
            {
                // An acting stretch that had no stop before it leads into this one.
                merged[^1] = stop with { Start = previous.Start };
            }
            else
            {
                merged.Add(stop);
            }
        }

        return merged;
    }

    private static bool IsActing(PackMlState state) => PackMlStateMachine.IsTransient(state);
}
