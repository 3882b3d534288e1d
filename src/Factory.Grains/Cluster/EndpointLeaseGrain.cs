using Factory.Grains.State;
using Factory.Grains.Storage;

namespace Factory.Grains.Cluster;

/// <summary>
/// The lease of one plant endpoint. Every change is stored (with the storage's ETag) before it is answered, so the
/// lease outlives the silo that hosted it: a new activation elsewhere still refuses other hosts until it expires.
/// And should two activations ever coexist (a silo joining or being declared dead), the stale one's write is refused,
/// so two hosts are never both told they hold it.
/// </summary>
public sealed class EndpointLeaseGrain(
    [PersistentState("endpoint-lease", StorageNames.Plant)] IPersistentState<EndpointLeaseState> state,
    TimeProvider clock) : Grain, IEndpointLeaseGrain
{
    private (string Holder, IEndpointWriter Writer)? _writer;

    public async Task<bool> Hold(string holder, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "a lease needs a positive duration");
        }

        var s = state.State;
        var now = clock.GetUtcNow();
        if (s.Holder is not null && s.Holder != holder && now < s.Expires)
        {
            return false;
        }

        s.Holder = holder;
        s.Expires = now + duration;
        await WriteAsync();
        return true;
    }

    public async Task Release(string holder)
    {
        if (state.State.Holder == holder)
        {
            state.State.Holder = null;
            await WriteAsync();
        }
    }

    public Task<string?> GetHolder() =>
        Task.FromResult(state.State.Holder is { } holder && clock.GetUtcNow() < state.State.Expires ? holder : null);

    public Task Offer(string holder, IEndpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (state.State.Holder == holder && clock.GetUtcNow() < state.State.Expires)
        {
            _writer = (holder, writer);
        }

        return Task.CompletedTask;
    }

    public Task<IEndpointWriter?> GetWriter() =>
        Task.FromResult(_writer is { } offered && offered.Holder == state.State.Holder && clock.GetUtcNow() < state.State.Expires
            ? offered.Writer
            : null);

    /// <summary>
    /// Not stored (another activation changed the lease, so this one's view is stale; or the store failed): the shared
    /// rule restores the lease as stored and drops this activation, so the caller's next try reads the lease as stored.
    /// </summary>
    private Task WriteAsync() => state.SaveOrRestoreAsync(this);
}
