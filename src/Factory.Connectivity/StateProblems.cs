namespace Factory.Connectivity;

/// <summary>
/// Remembers, per machine, a state value its table did not know, until a known state arrives. The PLC sends a state
/// only when it changes, so without this the batches after the unknown one would look Good again and the problem
/// would show for one batch only while the machine sat in its last known state.
/// </summary>
internal sealed class StateProblems
{
    private readonly Dictionary<string, string> _open = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// The batches with every batch of a machine whose state is unknown marked Uncertain with the reason;
    /// <paramref name="raised"/> is told of each new problem once (for the log).
    /// </summary>
    public List<(string MachineId, MachineTelemetry Telemetry)> Apply(List<(string MachineId, MachineTelemetry Telemetry)> batches, Action<string, string> raised)
    {
        lock (_gate)
        {
            for (var i = 0; i < batches.Count; i++)
            {
                var (machine, telemetry) = batches[i];
                if (telemetry.State is not null)
                {
                    _open.Remove(machine);
                }
                else if (telemetry.QualityReason is { } problem)
                {
                    if (!_open.TryGetValue(machine, out var known) || known != problem)
                    {
                        _open[machine] = problem;
                        raised(machine, problem);
                    }
                }
                else if (_open.TryGetValue(machine, out var open))
                {
                    batches[i] = (machine, telemetry with
                    {
                        Quality = telemetry.Quality < DataQuality.Uncertain ? DataQuality.Uncertain : telemetry.Quality,
                        QualityReason = open,
                    });
                }
            }
        }

        return batches;
    }
}
