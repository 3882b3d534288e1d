namespace Factory.Host.Hub;

/// <summary>Messages the hub sends to clients.</summary>
public interface IPlantClient
{
    Task MachineChanged(MachineChanged change);

    Task LineChanged(LineChanged change);

    Task WorkOrderChanged(WorkOrderChanged change);

    Task WorkerChanged(WorkerChanged change);

    Task PlanChanged(PlanChanged change);

    Task ProposalChanged(ProposalChanged change);

    Task ConnectionChanged(ConnectionChanged change);
    /// <summary>An alarm changed state (machine, line and site groups).</summary>
    Task AlarmChanged(AlarmChanged change);

    /// <summary>A safety stop began or ended (machine, line and site groups).</summary>
    Task SafetyEvent(SafetyEventRaised change);

    /// <summary>Live KPIs of a machine, line or site (its own group), at most once per second per entity.</summary>
    Task KpiChanged(KpiChanged change);

    /// <summary>A work order's actual cost against its budget, after each of its changes (site group).</summary>
    Task CostChanged(Costs.CostChanged change);
}
