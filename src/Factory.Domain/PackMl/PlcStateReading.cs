namespace Factory.Domain.PackMl;

/// <summary>What one state value from a PLC means: a PackML state, or why it means none.</summary>
/// <param name="State">The PackML state, or null when the value is not known.</param>
/// <param name="Problem">Why the value means no state (shown as the machine's data-quality reason), or null.</param>
public readonly record struct PlcStateReading(PackMlState? State, string? Problem)
{
    /// <summary>A value that names a state.</summary>
    public static PlcStateReading Known(PackMlState state) => new(state, null);

    /// <summary>A value that names none, and why.</summary>
    public static PlcStateReading Unknown(string problem) => new(null, problem);
}
