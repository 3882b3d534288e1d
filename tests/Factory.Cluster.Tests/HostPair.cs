using Xunit.Abstractions;

namespace Factory.Cluster.Tests;

/// <summary>
/// The two real hosts of a cluster test, A started before B, each with its data in one scratch folder. On dispose, what
/// each host said (membership, storage conflicts, leases) goes to the test's output, shown with a failure; then both
/// stop and the folder is removed.
/// </summary>
internal sealed class HostPair : IAsyncDisposable
{
    private readonly ScratchFolder _folder;
    private readonly ITestOutputHelper _output;

    private HostPair(ScratchFolder folder, HostProcess a, HostProcess b, ITestOutputHelper output)
    {
        _folder = folder;
        A = a;
        B = b;
        _output = output;
    }

    /// <summary>
    /// How quickly the hosts declare a killed silo dead: within seconds, yet not so quickly that a busy 2-core machine
    /// makes a live one look dead.
    /// </summary>
    public static string[] FailureDetection { get; } = ["--Factory:Cluster:ProbeTimeout=00:00:02", "--Factory:Cluster:MissedProbesLimit=3"];

    /// <summary>
    /// How long a test waits for the cluster: for what one host did to show on the other, and for a survivor to take over
    /// what a killed host held (<see cref="FailureDetection"/>, then the grain directory, on a busy 2-core machine).
    /// </summary>
    public static TimeSpan Deadline { get; } = TimeSpan.FromSeconds(90);

    public HostProcess A { get; }

    public HostProcess B { get; }

    /// <summary>Starts A with <paramref name="settingsA"/>, then B with <paramref name="settingsB"/>.</summary>
    public static async Task<HostPair> StartAsync(string folderPrefix, string[] settingsA, string[] settingsB, ITestOutputHelper output)
    {
        var folder = new ScratchFolder(folderPrefix);
        HostProcess? a = null;
        try
        {
            a = await HostProcess.StartAsync(Path.Combine(folder.Path, "a"), settingsA);
            var b = await HostProcess.StartAsync(Path.Combine(folder.Path, "b"), settingsB);
            return new HostPair(folder, a, b, output);
        }
        catch
        {
            if (a is not null)
            {
                await a.DisposeAsync();
            }

            folder.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _output.WriteLine($"--- host A ---\n{Api.Tail(A.Output)}\n--- host B ---\n{Api.Tail(B.Output)}");
        await B.DisposeAsync();
        await A.DisposeAsync();
        _folder.Dispose();
    }
}
