namespace Factory.Grains.State;

/// <summary>What a user preferences grain persists.</summary>
public sealed class UserPreferencesState
{
    /// <summary>The chosen language code, or null when never chosen.</summary>
    public string? Language { get; set; }
}
