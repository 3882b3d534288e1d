using Factory.Domain.PackMl;

namespace Factory.Domain.Plant;

/// <summary>Derives a line's status from the states of its machines.</summary>
public static class LineStatusRule
{
    /// <summary>
    /// Running when every machine produces; Down when none produces and one has failed; Degraded when
    /// some produce and others do not (or their data cannot be trusted); Idle otherwise.
    /// </summary>
    public static LineStatus Derive(IReadOnlyCollection<(PackMlState State, DataQuality Quality, bool Failed)> machines)
    {
        if (machines.Count == 0)
        {
            return LineStatus.Idle;
        }

        var producing = 0;
        var failed = 0;
        var untrusted = 0;
        foreach (var (state, quality, isFailed) in machines)
        {
            if (quality is DataQuality.Bad or DataQuality.Disconnected or DataQuality.Stale)
            {
                // A machine we cannot see is neither producing nor failed for the line's status, but the line is not healthy.
                untrusted++;
                continue;
            }

            if (PackMlStateMachine.IsProducing(state))
            {
                producing++;
            }
            else if (isFailed)
            {
                failed++;
            }
        }

        if (producing == machines.Count)
        {
            return LineStatus.Running;
        }

        if (producing > 0)
        {
            return LineStatus.Degraded;
        }

        if (failed > 0)
        {
            return LineStatus.Down;
        }

        return untrusted > 0 ? LineStatus.Degraded : LineStatus.Idle;
    }
}
