using Factory.Contracts.Scenarios;
using Factory.Contracts.Views;

namespace Factory.Contracts.Grains;

/// <summary>
/// Keeps a site's plan and re-plans when the plant changes: a machine fails or returns, a work order is
/// created or changed, a worker clocks in or out, a manager reassigns. Keyed by site id.
/// </summary>
public interface IDispatcherGrain : IGrainWithStringKey
{
    /// <summary>
    /// The plan in force (and the pending proposal), as last stored. It interleaves with the dispatcher's other work, so
    /// a read is answered while a re-plan is under way (#20) with the plan before it; a trigger sent one-way and not yet
    /// handled is not reflected yet (the <c>PlanChanged</c> event says when it is).
    /// </summary>
    [AlwaysInterleave]
    Task<PlanView> GetPlan();

    /// <summary>Makes a plan when there is none yet (called when the plant is loaded).</summary>
    Task EnsurePlan();

    /// <summary>Re-plans now with the current plant; <paramref name="trigger"/> says why.</summary>
    Task Replan(string trigger);

    /// <summary>A machine became unavailable (failed) or available again.</summary>
    [OneWay]
    Task OnMachineAvailabilityChanged(string machineId, bool available, string? reason);

    /// <summary>A work order was created or changed.</summary>
    [OneWay]
    Task OnWorkOrderChanged(string workOrderId);

    /// <summary>The windows of <paramref name="machineId"/>'s planned maintenance orders changed: it takes no work in them; re-plan.</summary>
    Task OnMaintenanceWindowsChanged(string machineId, ImmutableArray<Factory.Contracts.Production.PlannedStopView> windows);

    /// <summary>
    /// The site's due maintenance orders without a window changed (all of them, replacing what was sent before): the
    /// dispatcher places each in its due window and re-plans. One-way, so the maintenance grain never waits on a re-plan and
    /// no call can come back round to it; the slots are read from the plan (<see cref="PlanView.Maintenance"/>).
    /// </summary>
    [OneWay]
    Task OnMaintenanceToPlaceChanged(ImmutableArray<Factory.Contracts.Maintenance.MaintenanceToPlace> orders);

    /// <summary>A worker clocked in or out.</summary>
    [OneWay]
    Task OnWorkerChanged(string workerId);

    /// <summary>An operation of the work order started, completed, was interrupted or cancelled: roll the plan forward and release what is ready.</summary>
    [OneWay]
    Task OnOperationProgress(string workOrderId);

    /// <summary>A machine finished its job or gave it back: release its next operation.</summary>
    [OneWay]
    Task OnMachineFree(string machineId);

    /// <summary>Chooses automatic or manual release of planned operations to their machines.</summary>
    Task<CommandResult> SetReleaseMode(ReleaseMode mode);

    /// <summary>
    /// Releases one operation to the machine the plan gives it (an operator's or manager's release, in any release mode):
    /// refused when it is not ready or its machine is not free.
    /// </summary>
    Task<CommandResult> ReleaseOperation(string workOrderId, int sequence);

    /// <summary>Releases the machine's next planned operation that is ready (the operator station's "next job").</summary>
    Task<CommandResult> ReleaseNext(string machineId);

    /// <summary>Chooses auto-apply or proposal mode.</summary>
    Task<CommandResult> SetMode(PlanMode mode);

    /// <summary>Applies the pending proposal; refused when there is none with this id or the plan moved on.</summary>
    Task<CommandResult> AcceptProposal(long proposalId, string decidedBy);

    /// <summary>Discards the pending proposal.</summary>
    Task<CommandResult> RejectProposal(long proposalId, string decidedBy);

    /// <summary>Offered by the background optimizer: applied (or proposed) when better than the plan in force.</summary>
    Task OfferImprovedPlan(long basedOnVersion, ImmutableArray<PlannedOperationView> operations, ImmutableArray<PlannedMaintenanceView> maintenance, string solver);

    /// <summary>
    /// Plans a what-if scenario on a copy of the live problem and compares it with the live plan; changes nothing live.
    /// Interleaves with the dispatcher's other calls while the solvers run off the grain's scheduler.
    /// </summary>
    [AlwaysInterleave]
    Task<ScenarioAnswer> RunScenario(ScenarioSpec spec, string requestedBy);

    /// <summary>A scenario this dispatcher still keeps, or null.</summary>
    Task<ScenarioView?> GetScenario(long scenarioId);

    /// <summary>The scenarios it keeps, newest first.</summary>
    Task<ImmutableArray<ScenarioView>> GetScenarios();

    /// <summary>Offers a scenario's plan as the pending proposal (409 when the live plan moved on since it was planned).</summary>
    Task<CommandResult> ProposeScenario(long scenarioId, string decidedBy);

    /// <summary>Applies a scenario's plan as the plan in force (409 when the live plan moved on since it was planned).</summary>
    Task<CommandResult> ApplyScenario(long scenarioId, string decidedBy);
}
