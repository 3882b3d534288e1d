using Factory.Host.Cluster;
using Microsoft.Extensions.Configuration;

namespace Factory.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ClusterSettingsTests
{
    [Fact]
    public void The_default_is_the_embedded_single_process_host()
    {
        var settings = Bind(new Dictionary<string, string?>());
        Assert.Equal(ClusterMode.Embedded, settings.Mode);
        Assert.Empty(settings.Problems());
    }

    [Fact]
    public void Environment_variables_set_the_cluster_the_aspnet_way()
    {
        // FACTORY__CLUSTER__MODE is Factory:Cluster:Mode; a test prefix keeps this process's other settings apart.
        var prefix = $"FACTORYTEST{Guid.NewGuid():N}_";
        var variables = new Dictionary<string, string>
        {
            ["FACTORY__CLUSTER__MODE"] = "Redis",
            ["FACTORY__CLUSTER__REDIS"] = "redis:6379",
            ["FACTORY__CLUSTER__POSTGRES"] = "Host=db;Username=factory",
            ["FACTORY__CLUSTER__CLUSTERID"] = "north",
            ["FACTORY__CLUSTER__ENDPOINTLEASE"] = "00:00:20",
            ["FACTORY__CLUSTER__PROBETIMEOUT"] = "00:00:03",
        };
        try
        {
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(prefix + name, value);
            }

            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            var settings = configuration.GetSection("Factory:Cluster").Get<ClusterSettings>()!;

            Assert.Equal(ClusterMode.Redis, settings.Mode);
            Assert.Equal("redis:6379", settings.Redis);
            Assert.Equal("Host=db;Username=factory", settings.Postgres);
            Assert.Equal("north", settings.ClusterId);
            Assert.Equal("factory", settings.ServiceId);
            Assert.Equal(TimeSpan.FromSeconds(20), settings.EndpointLease);
            Assert.Equal(TimeSpan.FromSeconds(3), settings.ProbeTimeout);
            Assert.Null(settings.MissedProbesLimit);
            Assert.Empty(settings.Problems());
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(prefix + name, null);
            }
        }
    }

    [Fact]
    public void Cluster_mode_without_its_stores_names_what_is_missing()
    {
        var problems = Bind(new Dictionary<string, string?> { ["Factory:Cluster:Mode"] = "Redis", ["Factory:Cluster:EndpointLease"] = "00:00:00.100" }).Problems();
        Assert.Contains(problems, p => p.Contains("Factory:Cluster:Redis", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Factory:Cluster:Postgres", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("EndpointLease", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_host_in_cluster_mode_without_its_stores_refuses_to_start_and_says_why()
    {
        var data = Directory.CreateTempSubdirectory("factory-refuse-").FullName;
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                HostProcess.StartAsync(data, "--Factory:Cluster:Mode=Redis", "--Factory:Simulator:Enabled=false"));
            Assert.Contains("Factory:Cluster:Redis", error.Message);
            Assert.Contains("Factory:Cluster:Postgres", error.Message);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static ClusterSettings Bind(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Factory:Cluster").Get<ClusterSettings>() ?? new ClusterSettings();
}
