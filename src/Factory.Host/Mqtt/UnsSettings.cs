namespace Factory.Host.Mqtt;

/// <summary>The Unified Namespace publisher (section <c>Factory:Mqtt:Uns</c>); see README, "Unified Namespace".</summary>
public sealed class UnsSettings
{
    /// <summary>Publish the plant's context to <c>Factory:Mqtt:Broker</c>.</summary>
    public bool Enabled { get; set; }

    /// <summary>Topics start with this (before the enterprise), e.g. <c>uns/v1</c>; empty: none.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>The ISA-95 enterprise level of every topic.</summary>
    public string Enterprise { get; set; } = "factory";

    /// <summary>QoS of the published messages (0, 1 or 2).</summary>
    public int Qos { get; set; } = 1;

    /// <summary>Publish retained, so a subscriber that comes later gets the current picture at once.</summary>
    public bool Retain { get; set; } = true;
}
