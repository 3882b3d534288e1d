using System.Net;
using System.Net.Mail;
using Factory.Domain.Notifications;

namespace Factory.Host.Notifications;

/// <summary>Hands a message to the configured SMTP server; throws when the server does not take it.</summary>
public sealed class EmailDelivery(SmtpSettings settings)
{
    public async Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            throw new InvalidOperationException("no SMTP server is configured (Factory:Notifications:Smtp:Host)");
        }

        // SmtpClient is not safe to share between concurrent sends; one per message is cheap next to the round trips.
        using var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.Tls,
            Timeout = (int)Math.Clamp(settings.Timeout.TotalMilliseconds, 1000, 120_000),
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrEmpty(settings.User))
        {
            client.Credentials = new NetworkCredential(settings.User, settings.Password);
        }

        using var mail = new MailMessage(settings.From, message.To.Address, message.Subject, message.Body);
        mail.Headers.Add("X-Factory-Event", message.EventKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        await client.SendMailAsync(mail, timeout.Token);
    }
}
