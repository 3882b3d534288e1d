namespace Factory.Host.Api;

/// <summary>A span in one PackML state and data quality, clipped to the window (<see cref="Until"/> null while it lasts).</summary>
public sealed record StateBandView(DateTimeOffset From, DateTimeOffset? Until, string State, string Mode, string Quality);
