namespace Factory.Host.Hosting;

/// <summary>
/// Where the host finds its files. A service manager or a container may start it from any working directory, so
/// the content root (appsettings.json, wwwroot) is the working directory only when that holds the settings, and the
/// application's own folder otherwise; relative paths in the settings fall back to the application's folder too.
/// </summary>
public static class HostLocation
{
    private const string SettingsFile = "appsettings.json";

    /// <summary>The application's folder (where Factory.Host.dll and its appsettings.json, plants and wwwroot are).</summary>
    public static string ApplicationFolder { get; } = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);

    /// <summary>Builder options: the application's folder as content root when the working directory has no settings.</summary>
    public static WebApplicationOptions BuilderOptions(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var chosen = args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        var workingDirectory = Directory.GetCurrentDirectory();
        return !chosen
            && !File.Exists(Path.Combine(workingDirectory, SettingsFile))
            && File.Exists(Path.Combine(ApplicationFolder, SettingsFile))
                ? new WebApplicationOptions { Args = args, ContentRootPath = ApplicationFolder }
                : new WebApplicationOptions { Args = args };
    }

    /// <summary>
    /// A setting's path made absolute: as given when rooted; else under the content root when it exists there, else
    /// under the application's folder when it exists there, else under the content root (where it will be created).
    /// </summary>
    public static string Resolve(string path, string contentRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.IsPathRooted(path))
        {
            return Path.GetFullPath(path);
        }

        var underRoot = Path.GetFullPath(path, contentRoot);
        if (File.Exists(underRoot) || Directory.Exists(underRoot))
        {
            return underRoot;
        }

        var underApplication = Path.GetFullPath(path, ApplicationFolder);
        return File.Exists(underApplication) || Directory.Exists(underApplication) ? underApplication : underRoot;
    }
}
