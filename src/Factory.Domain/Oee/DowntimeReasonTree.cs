namespace Factory.Domain.Oee;

/// <summary>
/// A site's configurable tree of downtime reasons, looked up by code or by the PLC's numeric code.
/// Built only through <see cref="Create"/>, so a tree in hand is always valid.
/// </summary>
public sealed class DowntimeReasonTree
{
    private readonly ImmutableDictionary<string, DowntimeReason> _byCode;
    private readonly ImmutableDictionary<int, DowntimeReason> _byPlcCode;

    private DowntimeReasonTree(ImmutableArray<DowntimeReason> reasons)
    {
        Reasons = reasons;
        _byCode = reasons.ToImmutableDictionary(r => r.Code, StringComparer.OrdinalIgnoreCase);
        _byPlcCode = reasons.Where(r => r.PlcCode is not null).ToImmutableDictionary(r => r.PlcCode!.Value);
    }

    /// <summary>An empty tree: every code is unknown.</summary>
    public static DowntimeReasonTree Empty { get; } = new(ImmutableArray<DowntimeReason>.Empty);

    public ImmutableArray<DowntimeReason> Reasons { get; }

    /// <summary>Builds a tree, or refuses with every problem (duplicate codes, unknown parents, cycles, duplicate PLC codes).</summary>
    public static (DowntimeReasonTree? Tree, Refusal? Refusal) Create(IEnumerable<DowntimeReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var list = reasons.ToImmutableArray();
        var problems = new List<string>();
        var codes = new Dictionary<string, DowntimeReason>(StringComparer.OrdinalIgnoreCase);
        var plcCodes = new HashSet<int>();
        foreach (var reason in list)
        {
            if (reason is null || string.IsNullOrWhiteSpace(reason.Code))
            {
                problems.Add("every reason needs a code");
                continue;
            }

            if (!codes.TryAdd(reason.Code, reason))
            {
                problems.Add($"reason code '{reason.Code}' appears twice");
            }

            if (string.IsNullOrWhiteSpace(reason.Name))
            {
                problems.Add($"reason '{reason.Code}' needs a name");
            }

            if (!Enum.IsDefined(reason.Category))
            {
                problems.Add($"reason '{reason.Code}' has an unknown category {(int)reason.Category}");
            }

            if (reason.PlcCode is { } plc && !plcCodes.Add(plc))
            {
                problems.Add($"PLC code {plc} is used by more than one reason");
            }
        }

        foreach (var reason in codes.Values)
        {
            if (reason.ParentCode is null)
            {
                continue;
            }

            if (!codes.ContainsKey(reason.ParentCode))
            {
                problems.Add($"reason '{reason.Code}' names an unknown parent '{reason.ParentCode}'");
                continue;
            }

            // Walk up; a path longer than the tree itself means a cycle.
            var seen = 0;
            var current = reason;
            while (current.ParentCode is not null && codes.TryGetValue(current.ParentCode, out var parent) && seen <= codes.Count)
            {
                current = parent;
                seen++;
            }

            if (seen > codes.Count)
            {
                problems.Add($"reason '{reason.Code}' is part of a parent cycle");
            }
        }

        return problems.Count == 0
            ? (new DowntimeReasonTree(list), null)
            : (null, Refusal.Invalid(string.Join("; ", problems.Distinct())));
    }

    public DowntimeReason? Find(string? code) =>
        code is not null && _byCode.TryGetValue(code, out var reason) ? reason : null;

    public DowntimeReason? FindByPlcCode(int plcCode) => _byPlcCode.TryGetValue(plcCode, out var reason) ? reason : null;

    /// <summary>The reasons from the root down to <paramref name="code"/>; empty when the code is unknown.</summary>
    public IReadOnlyList<DowntimeReason> PathTo(string code)
    {
        var path = new List<DowntimeReason>();
        for (var reason = Find(code); reason is not null; reason = Find(reason.ParentCode))
        {
            path.Insert(0, reason);
        }

        return path;
    }

    public IReadOnlyList<DowntimeReason> ChildrenOf(string? parentCode) =>
        Reasons.Where(r => string.Equals(r.ParentCode, parentCode, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>
    /// Attaches a reason to an interval: refused when the code is unknown or the interval is not
    /// downtime (it would count as production time under <paramref name="classification"/>).
    /// </summary>
    public (StateInterval? Interval, Refusal? Refusal) Attach(StateInterval interval, string code, TimeClassification classification)
    {
        ArgumentNullException.ThrowIfNull(interval);
        ArgumentNullException.ThrowIfNull(classification);
        var reason = Find(code);
        if (reason is null)
        {
            return (null, Refusal.NotFound($"downtime reason '{code}' is not in the reason tree"));
        }

        if (classification.Classify(interval with { ReasonCode = null }, null, null) == TimeElement.Apt)
        {
            return (null, Refusal.Conflict($"the interval from {interval.Start:O} is production time ({interval.State}), not downtime"));
        }

        return (interval with { ReasonCode = reason.Code }, null);
    }
}
