namespace Factory.Grains.Cluster;

/// <summary>
/// The lease of one plant endpoint, kept in memory only: if this activation's silo dies, the new activation starts
/// free and the first host to ask takes it. The old holder, if alive, learns at its next renewal that it lost it
/// and stops its connector, so two hosts overlap for at most one renewal period.
/// </summary>
public sealed class EndpointLeaseGrain(TimeProvider clock) : Grain, IEndpointLeaseGrain
{
    private string? _holder;
    private DateTimeOffset _expires;

    public Task<bool> Hold(string holder, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "a lease needs a positive duration");
        }

        var now = clock.GetUtcNow();
        if (_holder is not null && _holder != holder && now < _expires)
        {
            return Task.FromResult(false);
        }

        _holder = holder;
        _expires = now + duration;
        return Task.FromResult(true);
    }

    public Task Release(string holder)
    {
        if (_holder == holder)
        {
            _holder = null;
        }

        return Task.CompletedTask;
    }

    public Task<string?> GetHolder() => Task.FromResult(_holder is not null && clock.GetUtcNow() < _expires ? _holder : null);
}
