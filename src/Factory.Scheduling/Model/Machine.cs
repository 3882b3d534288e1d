namespace Factory.Scheduling.Model;

/// <summary>A machine that runs one operation at a time.</summary>
/// <param name="Id">Unique machine id.</param>
/// <param name="Unavailable">Windows in which no operation may overlap the machine (planned maintenance, breakdowns, closed shifts).</param>
public sealed record Machine(string Id, IReadOnlyList<TimeWindow> Unavailable)
{
    /// <summary>A machine that is always available.</summary>
    public Machine(string id) : this(id, []) { }

    /// <summary>
    /// What one time unit of running costs on this machine, in the problem's cost unit (e.g. cents per second); 0 when
    /// cost is not weighed. An operation costs its duration there times this rate.
    /// </summary>
    public long CostRate { get; init; }
}
