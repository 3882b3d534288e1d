namespace Factory.Host.Notifications;

/// <summary>How webhooks are posted (<c>Factory:Notifications:Webhooks</c>).</summary>
public sealed class WebhookSettings
{
    /// <summary>The name of the header carrying the body's signature, <c>sha256=</c> and the hex HMAC-SHA256.</summary>
    public const string SignatureHeader = "X-Factory-Signature";

    /// <summary>The shared secret the body is signed with; webhooks are refused at start without one.</summary>
    public string Secret { get; set; } = "";

    /// <summary>How long one post may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
