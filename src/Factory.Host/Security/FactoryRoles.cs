namespace Factory.Host.Security;

/// <summary>The roles of Factory's users and the policies built on them.</summary>
public static class FactoryRoles
{
    /// <summary>Control-room staff: see everything, change nothing.</summary>
    public const string ControlRoom = "ControlRoom";

    /// <summary>Managers: also reassign work, command machines and decide re-plan proposals.</summary>
    public const string Manager = "Manager";

    /// <summary>Operators at the machines: see everything, act only on the machines they are bound to (<see cref="MachineAccess"/>).</summary>
    public const string Operator = "Operator";

    /// <summary>
    /// The maintenance team: see everything, and request, plan, start, finish and cancel maintenance orders and create and
    /// evaluate plans; not assign production work, command machines or change the plan's mode.
    /// </summary>
    public const string Maintenance = "Maintenance";

    /// <summary>Policy for reading plant state: any signed-in user.</summary>
    public const string ReadPolicy = "plant.read";

    /// <summary>Policy for changing the plan or the plant: managers only.</summary>
    public const string ManagePolicy = "plant.manage";

    /// <summary>Policy for maintenance orders and plans: managers and the maintenance team.</summary>
    public const string MaintainPolicy = "maintenance.manage";

    /// <summary>Policy for acting on a machine (commands): managers, and operators on their own machines.</summary>
    public const string OperatePolicy = "machine.operate";
}
