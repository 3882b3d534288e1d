namespace Factory.Domain.Plant.Definition;

/// <summary>A weekly shift: name, weekdays ("Monday"…"Sunday"), local start and end ("22:00"–"06:00" crosses midnight), breaks.</summary>
public sealed class ShiftEntry
{
    public string Name { get; set; } = "";

    public List<string> Days { get; set; } = [];

    public string Start { get; set; } = "";

    public string End { get; set; } = "";

    public List<ShiftBreakEntry> Breaks { get; set; } = [];
}
