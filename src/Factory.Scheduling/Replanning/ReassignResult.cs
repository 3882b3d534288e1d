namespace Factory.Scheduling.Replanning;

/// <summary>The outcome of a manager's reassignment: accepted with the new plan, or refused with the reasons.</summary>
/// <param name="Accepted">True when the reassignment holds and <paramref name="Replan"/> carries the new plan.</param>
/// <param name="Reasons">Why it was refused (empty when accepted).</param>
/// <param name="Replan">The re-plan with the operation pinned (its problem carries the pin), or null when refused.</param>
public sealed record ReassignResult(bool Accepted, IReadOnlyList<string> Reasons, ReplanResult? Replan)
{
    /// <summary>A refusal.</summary>
    public static ReassignResult Refused(params string[] reasons) => new(false, reasons, null);
}
