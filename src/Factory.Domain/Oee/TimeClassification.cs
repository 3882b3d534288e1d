using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Domain.Oee;

/// <summary>
/// A site's table from machine condition to ISO 22400 time element. The numbers depend on it, so it is
/// explicit configuration; <see cref="Default"/> is the reference table. Rules, first match wins:
/// <list type="number">
/// <item>Inside a planned stop: APMT when in Maintenance mode during planned maintenance, else PDOT.</item>
/// <item>Data Disconnected, Stale or Bad, or state Undefined: Unknown (never counted as running).</item>
/// <item>OPC 40001-1 MachineryItemState, when published: Executing → APT; NotExecuting → ADET, or ADOT with a
///   fault (unplanned) reason; OutOfService → ADOT; NotAvailable → Unknown.</item>
/// <item>Maintenance mode (unplanned): ADOT. Manual mode: <see cref="ManualMode"/> (default ADOT).</item>
/// <item>Execute: APT.</item>
/// <item>A reason on the interval decides by its category: Unplanned → ADOT, Planned → PDOT, Setup → ASUT,
///   MinorStop and External → ADET.</item>
/// <item>Held, Holding, Unholding: <see cref="Held"/> (default ADOT, configurable ADET).</item>
/// <item>Suspended, Suspending, Unsuspending (starved/blocked): ADET.</item>
/// <item>Stopped, Stopping, Aborted, Aborting, Clearing: ADOT.</item>
/// <item>Idle, Starting, Resetting, Completing, Complete: ADET with an order; without one <see cref="IdleWithoutOrder"/>
///   (default ADET, configurable NotCounted).</item>
/// </list>
/// </summary>
/// <param name="Held">Element for Held/Holding/Unholding: Adot (default) or Adet.</param>
/// <param name="IdleWithoutOrder">Element for Idle/Starting/Resetting/Complete without an order: Adet (default) or NotCounted.</param>
/// <param name="ManualMode">Element for time in Manual mode inside PBT.</param>
public sealed record TimeClassification(
    TimeElement Held = TimeElement.Adot,
    TimeElement IdleWithoutOrder = TimeElement.Adet,
    TimeElement ManualMode = TimeElement.Adot)
{
    /// <summary>The reference's default table.</summary>
    public static TimeClassification Default { get; } = new();

    /// <summary>The table in force, first match first, with this site's choices filled in.</summary>
    public IReadOnlyList<ClassificationRule> Describe() =>
    [
        new("inside a planned stop, Maintenance mode, planned maintenance", "APMT"),
        new("inside any other planned stop", "PDOT"),
        new("data Disconnected, Stale or Bad; state Undefined; no data", "Unknown"),
        new("OPC 40001-1 Executing", "APT"),
        new("OPC 40001-1 NotExecuting (with a fault reason)", "ADET (ADOT)"),
        new("OPC 40001-1 OutOfService", "ADOT"),
        new("OPC 40001-1 NotAvailable", "Unknown"),
        new("Maintenance mode, not planned", "ADOT"),
        new("Manual mode", Symbol(ManualMode)),
        new("Execute", "APT"),
        new("reason category Unplanned / Planned / Setup / MinorStop / External", "ADOT / PDOT / ASUT / ADET / ADET"),
        new("Held, Holding, Unholding", Symbol(Held)),
        new("Suspended, Suspending, Unsuspending", "ADET"),
        new("Stopped, Stopping, Aborted, Aborting, Clearing", "ADOT"),
        new("Idle, Starting, Resetting, Completing, Complete with an order", "ADET"),
        new("Idle, Starting, Resetting, Completing, Complete without an order", Symbol(IdleWithoutOrder)),
    ];

    private static string Symbol(TimeElement element) => element == TimeElement.NotCounted ? "not counted" : element.ToString().ToUpperInvariant();

    /// <summary>Every problem with the chosen options; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Held is not (TimeElement.Adot or TimeElement.Adet))
        {
            problems.Add("Held may count as ADOT or ADET only");
        }

        if (IdleWithoutOrder is not (TimeElement.Adet or TimeElement.NotCounted))
        {
            problems.Add("Idle without an order may count as ADET or not be counted only");
        }

        if (ManualMode is not (TimeElement.Adot or TimeElement.Adet or TimeElement.Asut or TimeElement.NotCounted))
        {
            problems.Add("Manual mode may count as ADOT, ADET, ASUT or not be counted only");
        }

        return problems;
    }

    /// <summary>The element one stretch of an interval counts as.</summary>
    /// <param name="plannedStop">The kind of planned stop covering the stretch, or null outside planned stops.</param>
    /// <param name="reasonCategory">The category of the interval's downtime reason, or null when it has none.</param>
    public TimeElement Classify(StateInterval interval, PlannedStopKind? plannedStop, DowntimeCategory? reasonCategory)
    {
        ArgumentNullException.ThrowIfNull(interval);
        if (plannedStop is not null)
        {
            return plannedStop == PlannedStopKind.PlannedMaintenance && interval.Mode == UnitMode.Maintenance
                ? TimeElement.Apmt
                : TimeElement.Pdot;
        }

        if (interval.Quality is DataQuality.Disconnected or DataQuality.Stale or DataQuality.Bad)
        {
            return TimeElement.Unknown;
        }

        if (interval.Machinery is { } machinery)
        {
            return ClassifyMachinery(machinery, reasonCategory == DowntimeCategory.Unplanned);
        }

        if (interval.State == PackMlState.Undefined)
        {
            return TimeElement.Unknown;
        }

        if (interval.Mode == UnitMode.Maintenance)
        {
            return TimeElement.Adot;
        }

        if (interval.Mode == UnitMode.Manual)
        {
            return ManualMode;
        }

        if (interval.State == PackMlState.Execute)
        {
            return TimeElement.Apt;
        }

        switch (reasonCategory)
        {
            case DowntimeCategory.Unplanned:
                return TimeElement.Adot;
            case DowntimeCategory.Planned:
                return TimeElement.Pdot;
            case DowntimeCategory.Setup:
                return TimeElement.Asut;
            case DowntimeCategory.MinorStop or DowntimeCategory.External:
                return TimeElement.Adet;
        }

        return interval.State switch
        {
            PackMlState.Held or PackMlState.Holding or PackMlState.Unholding => Held,
            PackMlState.Suspended or PackMlState.Suspending or PackMlState.Unsuspending => TimeElement.Adet,
            PackMlState.Stopped or PackMlState.Stopping or PackMlState.Aborted or PackMlState.Aborting or PackMlState.Clearing => TimeElement.Adot,
            _ => interval.WorkOrderId is null ? IdleWithoutOrder : TimeElement.Adet,
        };
    }

    /// <summary>The OPC 40001-1 MachineryItemState mapping (inside planned busy time).</summary>
    /// <param name="faultReason">Whether a fault (unplanned) reason is set on the machine.</param>
    public static TimeElement ClassifyMachinery(MachineryItemState state, bool faultReason) => state switch
    {
        MachineryItemState.Executing => TimeElement.Apt,
        MachineryItemState.NotExecuting => faultReason ? TimeElement.Adot : TimeElement.Adet,
        MachineryItemState.OutOfService => TimeElement.Adot,
        _ => TimeElement.Unknown,
    };
}
