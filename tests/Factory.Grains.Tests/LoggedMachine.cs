using Factory.Contracts.Specs;
using Factory.Contracts.Views;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Grains.Tests;

/// <summary>The machine views the log and alarm grains are handed in their tests: a machine of its own site and line.</summary>
internal static class LoggedMachine
{
    /// <summary>Machine <paramref name="id"/> in <paramref name="state"/> since <paramref name="since"/>, with good data, not taking work.</summary>
    public static MachineView View(string id, PackMlState state, DateTimeOffset since, TelemetryView telemetry) =>
        new(new MachineSpec(id, "site-" + id, "line-" + id, id, ["mill"], 1, false, state))
        {
            State = state,
            StateSince = since,
            Mode = UnitMode.Production,
            Quality = DataQuality.Good,
            QualitySince = since,
            FaultReason = null,
            Telemetry = telemetry,
            CurrentWorkOrderId = null,
            CurrentOperation = null,
            Available = false,
            UnavailableReason = state.ToString().ToLowerInvariant(),
            Version = 1,
        };
}
