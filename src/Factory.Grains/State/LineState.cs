namespace Factory.Grains.State;

/// <summary>What a line grain persists: its definition and version. Status is derived again from the machines.</summary>
public sealed class LineState
{
    public LineSpec? Spec { get; set; }

    public long Version { get; set; }
}
