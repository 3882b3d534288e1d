using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Factory.Host.Tests;

/// <summary>
/// HTTPS from configuration (#11, finding 9): the real host process serves HTTPS with a certificate named in its
/// settings, its session cookie is <c>Secure</c> there, browsers are told to keep to HTTPS, and a change a browser
/// sends from a foreign page is refused over a real socket.
/// </summary>
public sealed class HttpsTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "factory-https-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task The_host_serves_https_from_a_configured_certificate_with_secure_cookies()
    {
        Directory.CreateDirectory(_data);
        using var certificate = SelfSigned();
        var pfx = Path.Combine(_data, "host.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-secret"));
        var httpsPort = FreePort.Next();

        await using var host = await HostProcess.StartAsync(Path.Combine(_data, "data"),
            "--Factory:Simulator:Enabled=false",
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{port}",
            $"--Kestrel:Endpoints:Https:Url=https://127.0.0.1:{httpsPort}",
            $"--Kestrel:Endpoints:Https:Certificate:Path={pfx}",
            "--Kestrel:Endpoints:Https:Certificate:Password=pfx-secret");

        using var handler = new HttpClientHandler
        {
            UseCookies = false,
            // Trust exactly the configured certificate.
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        };
        using var https = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{httpsPort}") };

        using var login = await https.PostAsJsonAsync("/api/v1/auth/login", new { userName = "manager", password = "manager" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("factory.session=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.True(login.Headers.Contains("Strict-Transport-Security"));

        // The session works over HTTPS; a change from a foreign page's script is refused even with it.
        var session = cookie.Split(';')[0];
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me") { Headers = { { "Cookie", session } } };
        Assert.Equal(HttpStatusCode.OK, (await https.SendAsync(me)).StatusCode);
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/v1/workers/W08/clock-in")
        {
            Headers = { { "Cookie", session }, { "Origin", "https://evil.example" } },
        };
        using var refused = await https.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("evil.example", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/v1/workers/W08/clock-in")
        {
            Headers = { { "Cookie", session }, { "Origin", $"https://127.0.0.1:{httpsPort}" } },
        };
        Assert.Equal(HttpStatusCode.OK, (await https.SendAsync(own)).StatusCode);

        // Over plain HTTP (the demo's way) the cookie is not marked Secure, or the browser would never send it back.
        using var plain = new HttpClient(new HttpClientHandler { UseCookies = false }, disposeHandler: true) { BaseAddress = host.BaseAddress };
        using var plainLogin = await plain.PostAsJsonAsync("/api/v1/auth/login", new { userName = "manager", password = "manager" });
        Assert.Equal(HttpStatusCode.OK, plainLogin.StatusCode);
        Assert.DoesNotContain("secure", string.Join(";", plainLogin.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        Assert.False(plainLogin.Headers.Contains("Strict-Transport-Security"));
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=factory-test-host", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }
}
