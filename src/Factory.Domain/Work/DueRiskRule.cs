namespace Factory.Domain.Work;

/// <summary>
/// The due-date risk of a work order, as the dashboard shows it (its <c>risk.ts</c> is the same rule for the cards)
/// and as notifications tell it: overdue once the due date has passed; at risk when the live ETA (from the rate of
/// what runs now and the standard times of the rest) is after the due date. An ETA in the past (a run that stopped
/// since) counts as now: the order cannot finish earlier than that.
/// </summary>
public static class DueRiskRule
{
    /// <summary>The risk of an order due at <paramref name="due"/> with live ETA <paramref name="eta"/>, seen at <paramref name="now"/>.</summary>
    public static DueRisk Of(bool closed, DateTimeOffset due, DateTimeOffset? eta, DateTimeOffset now)
    {
        if (closed)
        {
            return DueRisk.Done;
        }

        if (due < now)
        {
            return DueRisk.Overdue;
        }

        var expected = eta is { } e && e > now ? e : now;
        return expected > due ? DueRisk.AtRisk : DueRisk.OnTrack;
    }

    /// <summary>Whether someone should be told: the order is at risk or overdue.</summary>
    public static bool IsWorthTelling(DueRisk risk) => risk is DueRisk.AtRisk or DueRisk.Overdue;
}
