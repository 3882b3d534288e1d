namespace Factory.Scheduling.Tests;

/// <summary>Locates the shared benchmark instances (../shared/benchmarks from the repository root).</summary>
internal static class Benchmarks
{
    public static string Root { get; } = Find();

    public static string Jsplib(string name) => Path.Combine(Root, "jsplib", "instances", name);

    public static string Brandimarte(string name) => Path.Combine(Root, "fjsp", "brandimarte", name + ".txt");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "benchmarks");
            if (File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "The benchmark instances were not found: expected a 'shared/benchmarks' folder (with README.md) next to the repository, " +
            "e.g. /work/shared/benchmarks for a checkout in /work/main. Copy or link the shared folder there.");
    }
}
