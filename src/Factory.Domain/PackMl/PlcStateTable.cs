using System.Globalization;

namespace Factory.Domain.PackMl;

/// <summary>
/// How one source's state values translate to PackML states. A PLC may report PackML names (<c>Execute</c>), PackTags
/// numbers (<c>6</c>), or its own names and numbers (<c>Running</c>, <c>3</c>): its table maps those, by name or by
/// number, and anything neither the table nor PackML knows is reported with a reason, never guessed or dropped.
/// </summary>
public sealed class PlcStateTable
{
    /// <summary>No table: PackML names and PackTags <c>StateCurrent</c> numbers only.</summary>
    public static readonly PlcStateTable PackTags = new(ImmutableDictionary<string, PackMlState>.Empty, ImmutableDictionary<long, PackMlState>.Empty);

    private readonly ImmutableDictionary<string, PackMlState> _names;
    private readonly ImmutableDictionary<long, PackMlState> _numbers;

    private PlcStateTable(ImmutableDictionary<string, PackMlState> names, ImmutableDictionary<long, PackMlState> numbers)
    {
        _names = names;
        _numbers = numbers;
    }

    /// <summary>The source's own names (case-insensitive) → PackML state.</summary>
    public IReadOnlyDictionary<string, PackMlState> Names => _names;

    /// <summary>The source's own numbers → PackML state.</summary>
    public IReadOnlyDictionary<long, PackMlState> Numbers => _numbers;

    /// <summary>
    /// A table from plant-file entries: each key is the source's value (a whole number or a name), each value a PackML
    /// state name. Entries that are not are listed in <paramref name="problems"/> and left out.
    /// </summary>
    public static PlcStateTable Parse(IEnumerable<KeyValuePair<string, string>> entries, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(problems);
        var names = ImmutableDictionary.CreateBuilder<string, PackMlState>(StringComparer.OrdinalIgnoreCase);
        var numbers = ImmutableDictionary.CreateBuilder<long, PackMlState>();
        foreach (var (rawKey, rawState) in entries)
        {
            var key = rawKey?.Trim() ?? "";
            if (PackMlName(rawState) is not { } state)
            {
                problems.Add($"stateTable entry '{rawKey}: {rawState}': '{rawState}' is not a PackML state");
                continue;
            }

            if (key.Length == 0)
            {
                problems.Add($"stateTable entry '{rawKey}: {rawState}': the source value is empty");
            }
            else if (long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                numbers[number] = state;
            }
            else if (!names.TryAdd(key, state))
            {
                problems.Add($"stateTable entry '{rawKey}: {rawState}': '{key}' is listed twice");
            }
        }

        return new PlcStateTable(names.ToImmutable(), numbers.ToImmutable());
    }

    /// <summary>
    /// The state a name stands for: the table's entry, else the PackML state of that name. A name neither knows
    /// gives a reason instead.
    /// </summary>
    public PlcStateReading Read(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        if (_names.TryGetValue(trimmed, out var mapped))
        {
            return PlcStateReading.Known(mapped);
        }

        return PackMlName(trimmed) is { } state
            ? PlcStateReading.Known(state)
            : PlcStateReading.Unknown($"state '{trimmed}' is not a PackML state and not in the machine's stateTable");
    }

    /// <summary>
    /// The state a number stands for: the table's entry; without number entries, the PackTags <c>StateCurrent</c>
    /// numbering. (A table that numbers states its own way does not also accept PackTags numbers: 3 cannot mean both.)
    /// </summary>
    public PlcStateReading Read(long number)
    {
        if (_numbers.TryGetValue(number, out var mapped))
        {
            return PlcStateReading.Known(mapped);
        }

        if (_numbers.Count == 0 && number is >= 0 and <= (long)PackMlState.Complete)
        {
            return PlcStateReading.Known((PackMlState)number);
        }

        return PlcStateReading.Unknown(_numbers.Count == 0
            ? $"state number {number} is not a PackTags state number and the machine has no stateTable for it"
            : $"state number {number} is not in the machine's stateTable");
    }

    private static PackMlState? PackMlName(string? text) =>
        text is not null && !text.Any(char.IsDigit) && Enum.TryParse<PackMlState>(text.Trim(), ignoreCase: true, out var state)
        && Enum.IsDefined(state)
            ? state
            : null;
}
