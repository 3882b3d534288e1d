using Factory.Domain.People;

namespace Factory.Scheduling.Model;

/// <summary>A person who runs operations, one at a time, only while on shift.</summary>
/// <param name="Id">Unique worker id.</param>
/// <param name="Skills">Skills held.</param>
/// <param name="Shifts">Windows in which the worker is on shift; an operation must lie inside one (touching windows count as one).
/// Null means always on shift; an empty list means never.</param>
public sealed record ShiftWorker(string Id, IReadOnlyList<WorkerSkill> Skills, IReadOnlyList<TimeWindow>? Shifts = null)
{
    /// <summary>True when the worker holds the operation's skill at the required level (ignoring expiry).</summary>
    public bool HoldsSkillFor(JobOperation operation) =>
        Skills.Any(s => SkillName.Same(s.Skill, operation.Skill) && s.Level >= operation.MinLevel);

    /// <summary>Latest end time the worker's certification allows for <paramref name="operation"/> (long.MaxValue if it never expires), or null if not qualified.</summary>
    public long? CertifiedUntil(JobOperation operation) => CertifiedUntil(operation.Skill, operation.MinLevel);

    /// <summary>
    /// Latest end time the worker's certification allows for work needing <paramref name="skill"/> at
    /// <paramref name="minLevel"/> (long.MaxValue if it never expires), or null if not qualified. Skill names compare as
    /// <see cref="SkillName"/> says, for operations and maintenance alike.
    /// </summary>
    public long? CertifiedUntil(string? skill, int minLevel)
    {
        long? best = null;
        foreach (var held in Skills)
        {
            if (SkillName.Same(held.Skill, skill) && held.Level >= minLevel)
            {
                var until = held.ValidUntil ?? long.MaxValue;
                best = best is null ? until : Math.Max(best.Value, until);
            }
        }

        return best;
    }

    /// <summary>This worker off duty during [<paramref name="from"/>, <paramref name="to"/>): null shifts (always on) become "always, except then".</summary>
    public ShiftWorker OffDuring(long from, long to)
    {
        var on = Shifts ?? [new TimeWindow(long.MinValue / 4, long.MaxValue / 4)];
        var result = new List<TimeWindow>();
        foreach (var s in on)
        {
            if (s.To <= from || to <= s.From)
            {
                result.Add(s);
                continue;
            }

            if (s.From < from)
            {
                result.Add(new TimeWindow(s.From, from));
            }

            if (to < s.To)
            {
                result.Add(new TimeWindow(to, s.To));
            }
        }

        return this with { Shifts = result };
    }
}
