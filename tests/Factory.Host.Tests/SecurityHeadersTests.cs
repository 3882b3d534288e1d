using System.Net;

namespace Factory.Host.Tests;

/// <summary>#11 findings 7 and 9: security headers on every answer, and a bounded audit page.</summary>
public sealed class SecurityHeadersTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Theory]
    [InlineData("/", null)]
    [InlineData("/api/v1/machines", "manager")]
    [InlineData("/api/v1/machines", null)]
    [InlineData("/api/v1/machines/NOPE", "manager")]
    public async Task Every_answer_carries_the_security_headers(string url, string? user)
    {
        var client = await app.ReadyClientAsync(user is null ? null : FactoryWebApp.Manager);
        var response = await client.GetAsync(url);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10_001)]
    [InlineData(int.MaxValue)]
    public async Task An_audit_page_holds_1_to_10000_entries(int limit)
    {
        var client = await app.ReadyClientAsync();
        await (await client.GetAsync($"/api/v1/audit?limit={limit}")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/audit?limit=10000")).OkJsonAsync();
    }
}
