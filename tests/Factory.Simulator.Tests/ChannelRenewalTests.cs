using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Server;
using Factory.OpcUa.Services;

namespace Factory.Simulator.Tests;

/// <summary>The server renews secure channel tokens and keeps serving requests under the new token.</summary>
public sealed class ChannelRenewalTests
{
    [Fact]
    public async Task Tokens_are_renewed_and_the_new_token_is_accepted()
    {
        await using var server = await OpcUaServer.StartAsync(new OpcUaServerOptions { Port = 0 });
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var channel = await ClientSecureChannel.OpenAsync(new Uri(server.EndpointUrl), new SecureChannelOptions { TimeProvider = clock, RequestedLifetime = TimeSpan.FromSeconds(10) }, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(10), channel.RevisedLifetime);
        var firstToken = channel.TokenId;

        clock.Advance(TimeSpan.FromSeconds(8));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (channel.RenewCount == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, channel.RenewCount);
        Assert.NotEqual(firstToken, channel.TokenId);
        var response = await channel.SendRequestAsync<GetEndpointsResponse>(new GetEndpointsRequest { RequestHeader = channel.NewHeader(TimeSpan.FromSeconds(5)) }, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Single(response.Endpoints);
    }
}
