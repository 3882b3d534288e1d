using Factory.Domain.Limits;

namespace Factory.Domain.Work;

/// <summary>
/// Whether a manager's earliest start for an operation is acceptable, and what is kept of it. A time a little in the past
/// (the drop landed at the now-line, a clock skew, the time the request took) means "as soon as possible" and is kept
/// as none; one further back is a client's mistake and refused, as is one further ahead than
/// <see cref="TimeLimits.LongestDeferral"/> (no plan looks that far) or outside <see cref="TimeLimits"/>' range.
/// </summary>
public static class NotBeforeRule
{
    /// <summary>
    /// Null when <paramref name="notBefore"/> is acceptable at <paramref name="now"/>, with what to store in
    /// <paramref name="kept"/> (null when it asks for nothing later than now); else the refusal (400), and nothing is kept.
    /// </summary>
    public static Refusal? Check(DateTimeOffset? notBefore, DateTimeOffset now, out DateTimeOffset? kept)
    {
        kept = null;
        if (notBefore is not { } at)
        {
            return null;
        }

        if (TimeLimits.Check(at, "notBefore") is { } outside)
        {
            return Refusal.Invalid(outside);
        }

        if (at < now - TimeLimits.PastTolerance)
        {
            return Refusal.Invalid($"notBefore {at:O} lies more than {TimeLimits.PastTolerance.TotalMinutes:0} minutes in the past; leave it out for as soon as possible");
        }

        if (at > now + TimeLimits.LongestDeferral)
        {
            return Refusal.Invalid($"notBefore {at:O} lies more than {TimeLimits.LongestDeferral.TotalDays:0} days ahead, beyond any plan");
        }

        kept = at > now ? at : null;
        return null;
    }
}
