namespace Factory.Grains.State;

/// <summary>What a dispatcher persists: the plan in force, the mode, a pending proposal and known failures.</summary>
public sealed class DispatcherState
{
    /// <summary>Time zero of the site's scheduling model.</summary>
    public DateTimeOffset? Origin { get; set; }

    public long PlanVersion { get; set; }

    public PlanMode Mode { get; set; }

    /// <summary>How planned operations reach their machines; null until the site chooses (then the host's default holds).</summary>
    public ReleaseMode? ReleaseMode { get; set; }

    public DateTimeOffset? AppliedAt { get; set; }

    public string Trigger { get; set; } = "";

    public string Solver { get; set; } = "";

    public PlanObjectiveView? Objective { get; set; }

    public List<PlannedOperationView> Operations { get; set; } = [];

    public List<string> Unplanned { get; set; } = [];

    public PlanProposalView? Proposal { get; set; }

    public long LastProposalId { get; set; }

    /// <summary>Failed machines and when each is expected back.</summary>
    public Dictionary<string, DateTimeOffset> FailedUntil { get; set; } = [];

    /// <summary>Due maintenance orders without a window, as the site's maintenance grain last sent them: the dispatcher places them.</summary>
    public List<Factory.Contracts.Maintenance.MaintenanceToPlace> MaintenanceToPlace { get; set; } = [];

    /// <summary>Where the plan in force placed them.</summary>
    public List<PlannedMaintenanceView> Maintenance { get; set; } = [];

    /// <summary>Windows of planned maintenance orders, per machine, as the site's maintenance grain last sent them.</summary>
    public Dictionary<string, List<Factory.Contracts.Production.PlannedStopView>> MaintenanceWindows { get; set; } = [];
}
