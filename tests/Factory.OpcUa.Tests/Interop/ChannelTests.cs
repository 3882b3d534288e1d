using Factory.OpcUa.Encoding;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Tests.Interop;

[Collection(NodeOpcUaCollection.Name)]
public sealed class ChannelTests(NodeOpcUaFixture fixture)
{
    [Fact]
    public async Task Opens_a_channel_and_gets_endpoints()
    {
        await using var channel = await ClientSecureChannel.OpenAsync(fixture.Server.Endpoint, null, CancellationToken.None);
        Assert.NotEqual(0u, channel.ChannelId);
        var response = await channel.SendRequestAsync<GetEndpointsResponse>(
            new GetEndpointsRequest { RequestHeader = channel.NewHeader(TimeSpan.FromSeconds(5)), EndpointUrl = fixture.Server.EndpointUrl },
            null,
            CancellationToken.None);
        Assert.Contains(response.Endpoints, e => e.SecurityPolicyUri == SecurityPolicyNone.Uri);
    }

    [Fact]
    public async Task Renews_the_token_at_three_quarters_of_a_short_lifetime()
    {
        var options = new SecureChannelOptions { RequestedLifetime = TimeSpan.FromSeconds(2) };
        await using var channel = await ClientSecureChannel.OpenAsync(fixture.Server.Endpoint, options, CancellationToken.None);
        var firstToken = channel.TokenId;
        var opened = DateTime.UtcNow;

        // Not before three quarters: at half the lifetime nothing is renewed yet (load can delay a renewal, never hasten it).
        await Task.Delay(channel.RevisedLifetime * 0.5);
        Assert.Equal(0, channel.RenewCount);

        // Then renewed again and again; a loaded machine gets a generous bound rather than a tight sleep.
        var deadline = opened + (channel.RevisedLifetime * 0.75 * 2) + TimeSpan.FromSeconds(10);
        while (channel.RenewCount < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(channel.RenewCount >= 2, $"renewed {channel.RenewCount} times, lifetime {channel.RevisedLifetime}");
        Assert.NotEqual(firstToken, channel.TokenId);
        var response = await channel.SendRequestAsync<GetEndpointsResponse>(
            new GetEndpointsRequest { RequestHeader = channel.NewHeader(TimeSpan.FromSeconds(5)), EndpointUrl = fixture.Server.EndpointUrl },
            null,
            CancellationToken.None);
        Assert.NotEmpty(response.Endpoints);
    }

    [Fact]
    public async Task Many_concurrent_requests_are_matched_by_request_id()
    {
        await using var channel = await ClientSecureChannel.OpenAsync(fixture.Server.Endpoint, null, CancellationToken.None);
        var tasks = Enumerable.Range(0, 50).Select(i => channel.SendRequestAsync<GetEndpointsResponse>(
            new GetEndpointsRequest { RequestHeader = channel.NewHeader(TimeSpan.FromSeconds(5)), EndpointUrl = fixture.Server.EndpointUrl, LocaleIds = [$"l{i}"] },
            null,
            CancellationToken.None)).ToArray();
        var responses = await Task.WhenAll(tasks);
        Assert.All(responses, r => Assert.Equal(StatusCode.Good, r.ResponseHeader.ServiceResult));
        Assert.Equal(tasks.Length, responses.Select(r => r.ResponseHeader.RequestHandle).Distinct().Count());
    }
}
