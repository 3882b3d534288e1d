namespace Factory.Domain.Maintenance;

/// <summary>On which side of its limit a tag condition holds.</summary>
public enum TagComparison
{
    /// <summary>The value is strictly above the limit.</summary>
    Above = 1,

    /// <summary>The value is strictly below the limit.</summary>
    Below = 2,
}
