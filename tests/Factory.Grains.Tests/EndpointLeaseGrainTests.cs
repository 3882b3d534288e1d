using Factory.Contracts.Grains;

namespace Factory.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class EndpointLeaseGrainTests(ClusterFixture fixture)
{
    private IEndpointLeaseGrain Lease() => fixture.Grains.GetGrain<IEndpointLeaseGrain>($"ep-{Guid.NewGuid():N}");

    [Fact]
    public async Task One_holder_at_a_time_and_the_holder_renews()
    {
        var lease = Lease();
        Assert.Null(await lease.GetHolder());
        Assert.True(await lease.Hold("host-a", TimeSpan.FromMinutes(1)));
        Assert.False(await lease.Hold("host-b", TimeSpan.FromMinutes(1)));
        Assert.True(await lease.Hold("host-a", TimeSpan.FromMinutes(1)));
        Assert.Equal("host-a", await lease.GetHolder());
    }

    [Fact]
    public async Task A_released_lease_is_free_at_once_but_only_its_holder_releases_it()
    {
        var lease = Lease();
        Assert.True(await lease.Hold("host-a", TimeSpan.FromMinutes(1)));
        await lease.Release("host-b");
        Assert.Equal("host-a", await lease.GetHolder());
        await lease.Release("host-a");
        Assert.Null(await lease.GetHolder());
        Assert.True(await lease.Hold("host-b", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_lease_not_renewed_expires_and_another_host_takes_it()
    {
        var lease = Lease();
        Assert.True(await lease.Hold("host-a", TimeSpan.FromMilliseconds(300)));
        // Host A stops renewing (its silo died): B is refused until the lease runs out, then takes it.
        await Eventually.ValueAsync(() => lease.Hold("host-b", TimeSpan.FromMinutes(1)), taken => taken);
        Assert.Equal("host-b", await lease.GetHolder());
        Assert.False(await lease.Hold("host-a", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_lease_needs_a_holder_and_a_positive_duration()
    {
        var lease = Lease();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => lease.Hold("", TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => lease.Hold("host-a", TimeSpan.Zero));
        Assert.Null(await lease.GetHolder());
    }
}
