using Factory.Host.Cluster;
using Factory.Host.Plant;

namespace Factory.Host.Hosting;

/// <summary>
/// Checks the settings before the silo or any store starts, so a host that cannot run says why in one line and leaves
/// nothing behind (no silo shutdown traces, no empty data folder).
/// </summary>
public static class StartupChecks
{
    /// <summary>The bound settings, or a <see cref="StartupProblem"/> naming the first setting that cannot work.</summary>
    public static (FactoryOptions Options, ClusterSettings Cluster) Check(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var factory = configuration.GetSection("Factory");
        var options = Bind<FactoryOptions>(factory);
        var cluster = Bind<ClusterSettings>(factory.GetSection("Cluster"));
        if (cluster.Problems() is { Count: > 0 } problems)
        {
            throw new StartupProblem("the cluster settings cannot run", "Factory:Cluster", string.Join("; ", problems));
        }

        if (string.IsNullOrWhiteSpace(options.PlantFile))
        {
            throw new StartupProblem("no plant definition file is named", "Factory:PlantFile", "give the path of a plant definition file");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            throw new StartupProblem("no data folder is named", "Factory:DataDirectory", "give a folder for the embedded storage");
        }

        options.PlantFile = HostLocation.Resolve(options.PlantFile, contentRoot);
        options.DataDirectory = HostLocation.Resolve(options.DataDirectory, contentRoot);
        if (!File.Exists(options.PlantFile))
        {
            throw new StartupProblem(
                $"the plant definition file '{options.PlantFile}' does not exist", "Factory:PlantFile",
                contentRoot == HostLocation.ApplicationFolder
                    ? $"give an absolute path, or one relative to {contentRoot}"
                    : $"give an absolute path, or one relative to {contentRoot} or {HostLocation.ApplicationFolder}");
        }

        try
        {
            PlantDefinitionReader.Read(options.PlantFile);
        }
        catch (PlantDefinitionException e)
        {
            throw new StartupProblem(e.Message.TrimEnd('.'), "Factory:PlantFile", "correct the file (README, \"Plant definition\") or name another", e);
        }

        if (File.Exists(options.DataDirectory))
        {
            throw new StartupProblem($"the data folder '{options.DataDirectory}' is a file", "Factory:DataDirectory", "name a folder");
        }

        foreach (var port in new[] { ("Factory:SiloPort", options.SiloPort), ("Factory:GatewayPort", options.GatewayPort) })
        {
            if (port.Item2 is < 1 or > 65535)
            {
                throw new StartupProblem($"port {port.Item2} is out of range", port.Item1, "give a TCP port from 1 to 65535");
            }
        }

        return (options, cluster);
    }

    private static T Bind<T>(IConfigurationSection section)
        where T : new()
    {
        try
        {
            return section.Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key and the value: "Failed to convert configuration value 'x' at 'Factory:Cluster:Mode' …".
            var key = System.Text.RegularExpressions.Regex.Match(e.Message, " at '([^']+)'") is { Success: true } m ? m.Groups[1].Value : section.Path;
            throw new StartupProblem(e.Message.TrimEnd('.'), key, "correct the value (README, \"Configuration\")", e);
        }
    }
}
