namespace Factory.Cluster.Tests;

/// <summary>
/// A server binary on a free loopback port with its own scratch folder, started for the tests: ready once it answers,
/// and on dispose stopped (its own way first, when it has one, then by killing its process tree) and its folder removed.
/// </summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly ScratchFolder _folder;
    private readonly Action<LoopbackServer>? _stop;

    private LoopbackServer(ScratchFolder folder, int port, ServerProcess process, Action<LoopbackServer>? stop)
    {
        _folder = folder;
        Port = port;
        Process = process;
        _stop = stop;
    }

    public string Directory => _folder.Path;

    public int Port { get; }

    public ServerProcess Process { get; }

    /// <summary>Starts a server and waits until it answers; disposes it and throws when it exits or does not answer in time.</summary>
    /// <param name="name">What the server is called in a failure, e.g. <c>redis-server</c>.</param>
    /// <param name="folderPrefix">The scratch folder's name prefix.</param>
    /// <param name="start">Starts the server in its scratch folder, on a port it takes when it is ready to listen (<see cref="FreePort"/>); the process and that port.</param>
    /// <param name="answersAsync">One try at talking to it on its port: true once it answers, false while it is still starting.</param>
    /// <param name="waitFor">What answering means, for the timeout message, e.g. <c>answer PING</c>.</param>
    /// <param name="within">How long it may take to answer.</param>
    /// <param name="poll">How long to wait between tries.</param>
    /// <param name="stop">The server's own shutdown, run on dispose before its process tree is killed.</param>
    public static async Task<LoopbackServer> StartAsync(string name, string folderPrefix, Func<string, Task<(ServerProcess Process, int Port)>> start,
        Func<int, Task<bool>> answersAsync, string waitFor, TimeSpan within, TimeSpan poll, Action<LoopbackServer>? stop = null)
    {
        var folder = new ScratchFolder(folderPrefix);
        (ServerProcess Process, int Port) started;
        try
        {
            started = await start(folder.Path);
        }
        catch
        {
            folder.Dispose();
            throw;
        }

        var server = new LoopbackServer(folder, started.Port, started.Process, stop);
        try
        {
            await server.WaitReadyAsync(name, answersAsync, waitFor, within, poll);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    public void Dispose()
    {
        _stop?.Invoke(this);
        Process.Dispose();
        _folder.Dispose();
    }

    private async Task WaitReadyAsync(string name, Func<int, Task<bool>> answersAsync, string waitFor, TimeSpan within, TimeSpan poll)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited:\n{Process.Output}");
            }

            if (await answersAsync(Port))
            {
                return;
            }

            await Task.Delay(poll);
        }

        throw new TimeoutException($"{name} did not {waitFor} within {within.TotalSeconds:0} s:\n{Process.Output}");
    }
}
