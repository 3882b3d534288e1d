using Factory.Contracts.Grains;
using Factory.Domain.PackMl;

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
    public async Task Only_the_holder_s_writer_is_offered_and_calls_through_it_reach_the_holder()
    {
        var lease = Lease();
        var holderWriter = new RecordingWriter();
        var otherWriter = new RecordingWriter();
        var holderRef = fixture.Cluster.Client.CreateObjectReference<IEndpointWriter>(holderWriter);
        var otherRef = fixture.Cluster.Client.CreateObjectReference<IEndpointWriter>(otherWriter);
        Assert.True(await lease.Hold("host-a", TimeSpan.FromMinutes(1)));
        Assert.Null(await lease.GetWriter());

        await lease.Offer("host-b", otherRef);
        Assert.Null(await lease.GetWriter());
        await lease.Offer("host-a", holderRef);
        var writer = await lease.GetWriter();
        Assert.NotNull(writer);
        Assert.Equal(0u, await writer.WriteCommand("M1", PackMlCommand.Stop));
        Assert.Equal(["M1 Stop"], holderWriter.Calls);
        Assert.Empty(otherWriter.Calls);

        // Once the holder gives the lease up, its writer is no longer handed out.
        await lease.Release("host-a");
        Assert.Null(await lease.GetWriter());
        fixture.Cluster.Client.DeleteObjectReference<IEndpointWriter>(holderRef);
        fixture.Cluster.Client.DeleteObjectReference<IEndpointWriter>(otherRef);
    }

    [Fact]
    public async Task A_lease_needs_a_holder_and_a_positive_duration()
    {
        var lease = Lease();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => lease.Hold("", TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => lease.Hold("host-a", TimeSpan.Zero));
        Assert.Null(await lease.GetHolder());
    }

    /// <summary>An endpoint writer that records what it was asked to write (the observer side of the lease).</summary>
    private sealed class RecordingWriter : IEndpointWriter
    {
        public List<string> Calls { get; } = [];

        public Task<uint> WriteCommand(string machineId, PackMlCommand command)
        {
            Calls.Add($"{machineId} {command}");
            return Task.FromResult(0u);
        }

        public Task<uint> WriteSpeedSetpoint(string machineId, double setpoint)
        {
            Calls.Add($"{machineId} {setpoint}");
            return Task.FromResult(0u);
        }

        public Task<uint> WriteJob(string machineId, Factory.Contracts.Views.JobTicket? job)
        {
            Calls.Add($"{machineId} job {job?.JobId}");
            return Task.FromResult(0u);
        }
    }
}
