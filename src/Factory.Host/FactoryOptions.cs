namespace Factory.Host;

/// <summary>Settings of the host (section <c>Factory</c> of appsettings.json or FACTORY__* environment variables).</summary>
public sealed class FactoryOptions
{
    /// <summary>The plant definition file to load at start.</summary>
    public string PlantFile { get; set; } = "plants/demo.json";

    /// <summary>Folder of the embedded storage file (factory.db).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Orleans silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Local users who may sign in (see README, "Users and roles").</summary>
    public List<Security.FactoryUser> Users { get; set; } = [];

    /// <summary>
    /// Origins (<c>https://host[:port]</c>) besides the host's own from which a browser may change things (README,
    /// Security): e.g. a dashboard served from another address. Empty by default: same origin only.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
