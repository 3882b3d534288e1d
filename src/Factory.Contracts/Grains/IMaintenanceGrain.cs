using Factory.Contracts.Maintenance;
using Factory.Contracts.Views;

namespace Factory.Contracts.Grains;

/// <summary>
/// One site's maintenance, keyed by site id: its work orders and plans. Planning an order records a planned-maintenance
/// stop on its machine for the window; finishing or cancelling it removes the stop. Plans are evaluated against what the
/// machine logs recorded (run time in Execute, counted parts) and a due plan creates a preventive order.
/// </summary>
public interface IMaintenanceGrain : IGrainWithStringKey
{
    /// <summary>Requests a work order as <paramref name="requestedBy"/>; the same id twice is a conflict.</summary>
    Task<CommandResult> CreateOrder(MaintenanceOrderSpec spec, string requestedBy);

    /// <summary>Plans (or re-plans) an order into [start, end).</summary>
    Task<CommandResult> PlanOrder(string orderId, DateTimeOffset start, DateTimeOffset end);

    /// <summary><paramref name="who"/> starts work on the order.</summary>
    Task<CommandResult> StartOrder(string orderId, string who);

    /// <summary><paramref name="who"/> finishes the order; a preventive order's plan counts again from now.</summary>
    Task<CommandResult> FinishOrder(string orderId, string who, string? note);

    /// <summary>Cancels the order with a reason.</summary>
    Task<CommandResult> CancelOrder(string orderId, string reason);

    /// <summary>Every order of the site, newest request first.</summary>
    Task<ImmutableArray<MaintenanceOrderView>> GetOrders();

    /// <summary>Creates a plan; the same id twice is a conflict.</summary>
    Task<CommandResult> CreatePlan(MaintenancePlanSpec spec);

    /// <summary>Every plan of the site with where it stands now.</summary>
    Task<ImmutableArray<MaintenancePlanView>> GetPlans();

    /// <summary>Evaluates every plan now; returns the ids of the preventive orders it created.</summary>
    Task<ImmutableArray<string>> Evaluate();
}
