using Factory.Scheduling.Model;

namespace Factory.Scheduling.Scenarios;

/// <summary>A new job (a rush work order) joins the shop; its id and its operations' ids must be new.</summary>
public sealed record RushOrder(Job Job) : ScenarioChange;
