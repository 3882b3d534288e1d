namespace Factory.Testing;

/// <summary>Paths inside the repository, found from the test assembly's location.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string HostProject => Path.Combine(Root, "src", "Factory.Host");

    public static string DemoPlant => Path.Combine(HostProject, "plants", "demo.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Factory.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Factory.sln not found above {AppContext.BaseDirectory}");
    }
}
