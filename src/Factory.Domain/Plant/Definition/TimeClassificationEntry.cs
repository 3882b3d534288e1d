using Factory.Domain.Oee;

namespace Factory.Domain.Plant.Definition;

/// <summary>A site's choices in the ISO 22400 classification table (defaults: the reference's).</summary>
public sealed class TimeClassificationEntry
{
    /// <summary>Held, Holding, Unholding: Adot (default) or Adet.</summary>
    public TimeElement Held { get; set; } = TimeElement.Adot;

    /// <summary>Idle, Starting, Resetting, Complete without an order: Adet (default) or NotCounted.</summary>
    public TimeElement IdleWithoutOrder { get; set; } = TimeElement.Adet;

    /// <summary>Manual mode inside planned busy time (default Adot).</summary>
    public TimeElement ManualMode { get; set; } = TimeElement.Adot;
}
