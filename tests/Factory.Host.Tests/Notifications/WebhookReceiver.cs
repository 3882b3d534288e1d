using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Factory.Host.Tests.Notifications;

/// <summary>
/// A real HTTP server on loopback (HttpListener) receiving the host's webhooks: it checks each post's HMAC-SHA256
/// signature against the shared secret itself, and answers 503 to the first calls of a path it was told to fail.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _secret;
    private readonly ConcurrentDictionary<string, int> _failures;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly Task _serving;

    /// <param name="failures">Per path, how many calls to answer 503 before answering 200 (int.MaxValue: always).</param>
    public WebhookReceiver(string secret, IReadOnlyDictionary<string, int> failures)
    {
        _secret = secret;
        _failures = new ConcurrentDictionary<string, int>(failures, StringComparer.Ordinal);
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>Every call so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Received.FirstOrDefault(match) is { } call)
            {
                return call;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no webhook {what} within {timeout.TotalSeconds} s; received: {string.Join(" | ", Received.Select(c => $"{c.Path} {c.Answered}"))}");
            }

            await Task.Delay(50);
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var bytes = body.ToArray();
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), bytes));
            var signed = string.Equals(context.Request.Headers["X-Factory-Signature"], expected, StringComparison.Ordinal);
            var path = context.Request.Url!.AbsolutePath;
            var status = !signed ? 401 : FailsNow(path) ? 503 : 200;
            _received.Enqueue(new ReceivedWebhook(path, signed, Encoding.UTF8.GetString(bytes), status));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    /// <summary>Whether this call of <paramref name="path"/> is one of those to fail (counting it down).</summary>
    private bool FailsNow(string path)
    {
        var left = _failures.GetValueOrDefault(path);
        if (left <= 0)
        {
            return false;
        }

        _failures[path] = left == int.MaxValue ? left : left - 1;
        return true;
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
