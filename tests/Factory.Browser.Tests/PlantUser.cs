using System.Text;

namespace Factory.Browser.Tests;

/// <summary>A demo user from the host's default configuration.</summary>
public sealed record PlantUser(string Name, string Password)
{
    public static PlantUser Manager { get; } = new("manager", "manager");

    public static PlantUser ControlRoom { get; } = new("control", "control");

    /// <summary>An operator bound to CNC-01 and CNC-02.</summary>
    public static PlantUser Operator { get; } = new("operator", "operator");

    /// <summary>The maintenance team: maintenance orders and plans, reading everything else.</summary>
    public static PlantUser Maintenance { get; } = new("maintenance", "maintenance");

    /// <summary>The HTTP Basic header value programs use instead of the session cookie.</summary>
    public string Basic => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Name}:{Password}"));
}
