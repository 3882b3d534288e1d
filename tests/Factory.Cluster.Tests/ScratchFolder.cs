namespace Factory.Cluster.Tests;

/// <summary>A fresh folder under the temp folder for one test or one server; removed, as far as it can be, on dispose.</summary>
internal sealed class ScratchFolder(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still held open, or left by a server that ran as another user: the temp folder's own cleanup takes it.
        }
    }
}
