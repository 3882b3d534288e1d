using System.Collections.Concurrent;

namespace Factory.Grains.Tests;

/// <summary>
/// The switch of <see cref="FaultyGrainStorage"/>: which grains' writes (and reads) fail now. A test turns a fault on
/// for its own grain only and disposes the returned handle to turn it off, so other grains of the cluster keep working.
/// </summary>
public sealed class StorageFaults
{
    private readonly ConcurrentDictionary<GrainId, bool> _failingWrites = new();
    private readonly ConcurrentDictionary<GrainId, bool> _failingReads = new();

    /// <summary>Writes of <paramref name="grain"/> fail until the handle is disposed.</summary>
    public IDisposable FailWritesOf(GrainId grain) => On(_failingWrites, grain);

    /// <summary>Reads of <paramref name="grain"/> fail until the handle is disposed.</summary>
    public IDisposable FailReadsOf(GrainId grain) => On(_failingReads, grain);

    /// <summary>True while writes of <paramref name="grain"/> are to fail.</summary>
    public bool WritesFail(GrainId grain) => _failingWrites.ContainsKey(grain);

    /// <summary>True while reads of <paramref name="grain"/> are to fail.</summary>
    public bool ReadsFail(GrainId grain) => _failingReads.ContainsKey(grain);

    private static Lifted On(ConcurrentDictionary<GrainId, bool> set, GrainId grain)
    {
        set[grain] = true;
        return new Lifted(() => set.TryRemove(grain, out _));
    }

    private sealed class Lifted(Action lift) : IDisposable
    {
        public void Dispose() => lift();
    }
}
