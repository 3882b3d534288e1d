using Factory.Contracts.Specs;
using Factory.Contracts.Views;

namespace Factory.Contracts.Grains;

/// <summary>A work order and its operations. Keyed by work-order id.</summary>
public interface IWorkOrderGrain : IGrainWithStringKey
{
    /// <summary>Creates the work order; refused (409) when it exists already, (400) when it is invalid.</summary>
    Task<CommandResult> Create(WorkOrderSpec spec);

    /// <summary>The work order, or null when it does not exist.</summary>
    Task<WorkOrderView?> GetView();

    /// <summary>
    /// Assigns an operation to a machine and a worker after checking the machine's capability and
    /// availability and the worker's skill, certification and clock. <paramref name="notBefore"/>, when given, is the
    /// earliest start the plan may give it (refused, 400, when far in the past or too far ahead; a time up to a few minutes
    /// in the past means as soon as possible).
    /// </summary>
    Task<CommandResult> Assign(int sequence, string machineId, string workerId, bool pinned, DateTimeOffset? notBefore);

    /// <summary>Changes priority and/or due date (null leaves it); refused (400) for a priority below 1.</summary>
    Task<CommandResult> Reprioritize(int? priority, DateTimeOffset? dueDate);

    /// <summary>
    /// Records where the dispatcher's plan <paramref name="planVersion"/>, computed at <paramref name="plannedAt"/>, puts this
    /// order's operations. Pinned assignments and manager assignments newer than the plan are kept; nothing is re-validated
    /// (the plan is), and the dispatcher is not told again: it gets the order as it now stands in the answer (null when
    /// the order does not exist), so its picture of the plant holds without reading the order again.
    /// </summary>
    Task<WorkOrderView?> ApplyPlan(long planVersion, DateTimeOffset plannedAt, ImmutableArray<PlannedOperationView> operations);

    /// <summary>
    /// Releases a Ready (or Interrupted) operation to a machine: the machine takes the job (its quantity is what is left),
    /// then the operation is Released. Refused (409) when the operation is not ready or the machine cannot take it.
    /// </summary>
    Task<CommandResult> Release(int sequence, string machineId, string? workerId);

    /// <summary>What a machine reports of the job it holds for an operation (totals of the run, never increments).</summary>
    [OneWay]
    Task ReportJob(int sequence, string machineId, JobReportKind kind, long good, long scrap, DateTimeOffset at, string? note);

    /// <summary>A person completes an operation (a reason is required when short of the quantity).</summary>
    Task<CommandResult> CompleteOperation(int sequence, string? note, string by);

    /// <summary>Cancels the work order: what is not completed is cancelled, and machines give back its jobs.</summary>
    Task<CommandResult> Cancel(string reason, string by);
}
