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
}
