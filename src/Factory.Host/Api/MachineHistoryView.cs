namespace Factory.Host.Api;

/// <summary>A machine's tags over a window with its state bands, as <c>GET /machines/{id}/history</c> answers.</summary>
public sealed record MachineHistoryView(string MachineId, DateTimeOffset From, DateTimeOffset To, int Points, IReadOnlyList<TagHistoryView> Tags, IReadOnlyList<StateBandView> States);
