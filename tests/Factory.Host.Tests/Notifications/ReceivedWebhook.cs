namespace Factory.Host.Tests.Notifications;

/// <summary>One post the webhook receiver took: its path, whether its signature was right, its body, and what it answered.</summary>
public sealed record ReceivedWebhook(string Path, bool Signed, string Body, int Answered);
