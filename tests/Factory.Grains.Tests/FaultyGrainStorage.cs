using Factory.Grains.Storage;
using Orleans.Storage;

namespace Factory.Grains.Tests;

/// <summary>
/// Fault injection into the real storage: the SQLite grain storage, except that a write (or read) of a grain named in
/// <see cref="StorageFaults"/> fails before it reaches the file, as a full disk or an unreachable database would.
/// </summary>
public sealed class FaultyGrainStorage(SqliteGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        faults.ReadsFail(grainId)
            ? Task.FromException(new IOException($"injected fault: reading {stateName} of {grainId} failed"))
            : inner.ReadStateAsync(stateName, grainId, grainState);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        faults.WritesFail(grainId)
            ? Task.FromException(new IOException($"injected fault: writing {stateName} of {grainId} failed (disk full)"))
            : inner.WriteStateAsync(stateName, grainId, grainState);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        faults.WritesFail(grainId)
            ? Task.FromException(new IOException($"injected fault: clearing {stateName} of {grainId} failed"))
            : inner.ClearStateAsync(stateName, grainId, grainState);
}
