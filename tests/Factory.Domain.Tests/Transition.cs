namespace Factory.Domain.Tests;

/// <summary>
/// What the lifecycle tests check of a transition (a work order's, a maintenance order's): accepted, with the order after
/// it; or refused for the expected kind and reason, with the order left as it was.
/// </summary>
internal static class Transition
{
    /// <summary>Asserts the transition was accepted; the order after it.</summary>
    public static T Accepted<T>(Refusal? refusal, T order)
    {
        Assert.Null(refusal);
        return order;
    }

    /// <summary>Asserts the transition was refused as <paramref name="kind"/>, saying <paramref name="text"/>, and left <paramref name="before"/> as it was.</summary>
    public static void Refused<T>(Refusal? refusal, T order, RefusalKind kind, string text, T before)
        where T : class
    {
        Assert.NotNull(refusal);
        Assert.Equal(kind, refusal!.Kind);
        Assert.Contains(text, refusal.Reason);
        Assert.Same(before, order);
    }
}
