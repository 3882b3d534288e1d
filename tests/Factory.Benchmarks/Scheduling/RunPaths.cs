namespace Factory.Benchmarks.Scheduling;

/// <summary>Finds the shared benchmark instances and the results folder from the working directory.</summary>
public static class RunPaths
{
    public static string Instances() =>
        Up(d => File.Exists(Path.Combine(d, "shared", "benchmarks", "README.md")) ? Path.Combine(d, "shared", "benchmarks") : null)
        ?? throw new InvalidOperationException("shared/benchmarks not found above the working directory (expected ../shared/benchmarks next to the repository)");

    public static string Results() =>
        Up(d => Directory.Exists(Path.Combine(d, "tests", "Factory.Benchmarks")) ? Path.Combine(d, "tests", "Factory.Benchmarks", "Scheduling", "results") : null)
        ?? Path.Combine(Directory.GetCurrentDirectory(), "results");

    private static string? Up(Func<string, string?> probe)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (probe(dir.FullName) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }
}
