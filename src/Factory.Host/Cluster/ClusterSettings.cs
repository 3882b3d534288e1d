namespace Factory.Host.Cluster;

/// <summary>
/// Settings of the cluster (section <c>Factory:Cluster</c>, or <c>FACTORY__CLUSTER__*</c> environment variables).
/// The default, <see cref="ClusterMode.Embedded"/>, is the single-process host that needs nothing installed.
/// </summary>
public sealed class ClusterSettings
{
    /// <summary>Embedded (default), Redis or Postgres.</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    /// <summary>StackExchange.Redis connection string for membership and reminders, e.g. <c>redis:6379</c>.</summary>
    public string? Redis { get; set; }

    /// <summary>Npgsql connection string for grain state and the audit trail.</summary>
    public string? Postgres { get; set; }

    /// <summary>Silos with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "factory";

    /// <summary>Identifies the application's stored state; keep it stable across deployments.</summary>
    public string ServiceId { get; set; } = "factory";

    /// <summary>
    /// The address other silos reach this one at: an IP address, or a host name resolved at start (in a container,
    /// its service name).
    /// </summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// <summary>How long a silo waits for a probe answer from a peer (Orleans' default when unset).</summary>
    public TimeSpan? ProbeTimeout { get; set; }

    /// <summary>Missed probes after which a silo votes a peer dead (Orleans' default when unset).</summary>
    public int? MissedProbesLimit { get; set; }

    /// <summary>
    /// How long a host owns a plant endpoint without renewing: a silo that dies hands its endpoints to another
    /// host after about this long. Renewed every third of it.
    /// </summary>
    public TimeSpan EndpointLease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// In a cluster the built-in simulator runs in one host; the others name its endpoint here
    /// (e.g. <c>opc.tcp://sim-host:4840</c>) instead of starting their own.
    /// </summary>
    public string? SimulatorUrl { get; set; }

    /// <summary>
    /// Running in Kubernetes: the silo's name and advertised address come from the pod (POD_NAME, POD_IP,
    /// POD_NAMESPACE), and silos whose pods are gone are removed from membership at once (Orleans' Kubernetes hosting).
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>The settings' problems, empty when they can run.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Mode == ClusterMode.Embedded)
        {
            return problems;
        }

        if (Mode == ClusterMode.Redis && string.IsNullOrWhiteSpace(Redis))
        {
            problems.Add("Factory:Cluster:Redis (a Redis connection string) is required when Factory:Cluster:Mode is Redis");
        }

        if (string.IsNullOrWhiteSpace(Postgres))
        {
            problems.Add($"Factory:Cluster:Postgres (a PostgreSQL connection string) is required when Factory:Cluster:Mode is {Mode}");
        }

        if (!string.IsNullOrWhiteSpace(Postgres))
        {
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(Postgres);
            }
            catch (ArgumentException e)
            {
                problems.Add($"Factory:Cluster:Postgres is not a PostgreSQL connection string: {e.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(AdvertisedIp))
        {
            problems.Add("Factory:Cluster:AdvertisedIp must be an IP address or a host name");
        }

        if (EndpointLease < TimeSpan.FromSeconds(1))
        {
            problems.Add("Factory:Cluster:EndpointLease must be at least one second");
        }

        return problems;
    }
}
