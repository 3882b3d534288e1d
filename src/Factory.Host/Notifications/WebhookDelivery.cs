using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Factory.Domain.Notifications;

namespace Factory.Host.Notifications;

/// <summary>
/// Posts a message as JSON to its webhook URL, signed with HMAC-SHA256 of the exact body bytes in
/// <see cref="WebhookSettings.SignatureHeader"/>, so the receiver can tell the post came from this plant and was not changed.
/// A status outside 2xx, a timeout or a refused connection throws (the outbox retries it).
/// </summary>
public sealed class WebhookDelivery(WebhookSettings settings) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http = new() { Timeout = settings.Timeout };

    /// <summary>The signature header's value for <paramref name="body"/>: <c>sha256=</c> and the lowercase hex HMAC.</summary>
    public static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public async Task SendAsync(long id, NotificationMessage message, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id,
            eventKey = message.EventKey,
            rule = message.Rule,
            level = message.Level,
            subject = message.Subject,
            text = message.Body,
            sentAt = at,
        }, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, message.To.Address) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSettings.SignatureHeader, Sign(body, settings.Secret));
        request.Headers.Add("X-Factory-Delivery", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the webhook answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
    }

    public void Dispose() => _http.Dispose();
}
