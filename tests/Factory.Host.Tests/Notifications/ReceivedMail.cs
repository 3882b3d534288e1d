namespace Factory.Testing;

/// <summary>A message the SMTP server was handed, as <c>smtp_sink.py</c> saved it.</summary>
/// <param name="At">When the server took it (Unix seconds, this machine's clock).</param>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Subject, string Event, string Body, double At);
