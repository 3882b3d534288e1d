using Factory.Domain.Limits;

namespace Factory.Domain.Maintenance;

/// <summary>
/// A condition on one of a machine's tags: "<see cref="Tag"/> above (or below) <see cref="Limit"/> for at least
/// <see cref="For"/>", e.g. vibration above 7.1 mm/s for 10 minutes. Connectors report by exception, so a sample's value
/// stays in force until the next sample: a gap between two samples past the limit keeps the run going, and the last
/// sample holds until the end of the window. A non-finite value is not known to be past the limit and ends a run.
/// </summary>
public sealed record TagCondition(string Tag, TagComparison Comparison, double Limit, TimeSpan For)
{
    /// <summary>The shortest duration a condition accepts.</summary>
    public static readonly TimeSpan ShortestHold = TimeSpan.FromSeconds(1);

    /// <summary>The longest duration a condition accepts: beyond a week it is a trend to review, not a trigger.</summary>
    public static readonly TimeSpan LongestHold = TimeSpan.FromDays(7);

    /// <summary>Whether <paramref name="value"/> is past the limit on the condition's side.</summary>
    public bool IsPast(double value) => double.IsFinite(value) && (Comparison == TagComparison.Above ? value > Limit : value < Limit);

    /// <summary>
    /// Whether the condition held continuously for <see cref="For"/> within [<paramref name="from"/>, <paramref name="to"/>],
    /// and since when. <paramref name="samples"/> are the tag's (time, value) pairs in any order; one before
    /// <paramref name="from"/> gives the value in force at <paramref name="from"/> (a run never starts before it).
    /// Two samples at the same instant: the later one in the list wins.
    /// </summary>
    public TagConditionState Evaluate(IEnumerable<(DateTimeOffset At, double Value)> samples, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (to <= from)
        {
            return TagConditionState.NotHeld;
        }

        DateTimeOffset? runStart = null;
        foreach (var (at, value) in samples.OrderBy(s => s.At))
        {
            if (at > to)
            {
                break;
            }

            var start = at < from ? from : at;
            if (runStart is { } open && start - open >= For)
            {
                // The run lasted its duration before this sample came in, whatever the sample says.
                return new TagConditionState(true, open, start - open);
            }

            if (!IsPast(value))
            {
                runStart = null;
            }
            else
            {
                runStart ??= start;
            }
        }

        if (runStart is not { } last)
        {
            return TagConditionState.NotHeld;
        }

        var held = to - last;
        return new TagConditionState(held >= For, last, held);
    }

    /// <summary>Every problem with the condition; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string?>
        {
            string.IsNullOrWhiteSpace(Tag) ? "a condition needs a tag" : TextLimits.CheckLength(Tag, "tag", TextLimits.IdLength),
            Enum.IsDefined(Comparison) ? null : $"unknown comparison {(int)Comparison}",
            double.IsFinite(Limit) ? null : "a condition's limit must be a finite number",
            For >= ShortestHold && For <= LongestHold
                ? null
                : $"a condition must hold for at least {ShortestHold.TotalSeconds:0} s and at most {LongestHold.TotalDays:0} days",
        };
        return [.. problems.OfType<string>()];
    }
}
