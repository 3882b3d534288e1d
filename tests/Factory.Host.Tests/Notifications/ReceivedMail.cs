namespace Factory.Host.Tests.Notifications;

/// <summary>A message the SMTP server was handed, as <c>smtp_sink.py</c> saved it.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Subject, string Event, string Body);
