using Factory.Domain.Oee;

namespace Factory.Domain.Plant.Definition;

/// <summary>A planned break inside a shift (local times).</summary>
public sealed class ShiftBreakEntry
{
    public string Start { get; set; } = "";

    public string End { get; set; } = "";

    public PlannedStopKind Kind { get; set; } = PlannedStopKind.Break;
}
