using System.Globalization;

namespace Factory.Benchmarks;

/// <summary>Options of the load runs: <c>--name value</c> pairs after the run's name.</summary>
internal static class RunArguments
{
    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static int Int(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
