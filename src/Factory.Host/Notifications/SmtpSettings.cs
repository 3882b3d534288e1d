namespace Factory.Host.Notifications;

/// <summary>The mail server notifications are handed to (<c>Factory:Notifications:Smtp</c>).</summary>
public sealed class SmtpSettings
{
    /// <summary>The server's host name; empty sends no email (messages to email recipients fail and are retried).</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 25;

    /// <summary>The sender address.</summary>
    public string From { get; set; } = "factory@localhost";

    /// <summary>The user name to sign in with; none signs in anonymously.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Whether to upgrade the connection with STARTTLS.</summary>
    public bool Tls { get; set; }

    /// <summary>How long one message may take to hand over.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
