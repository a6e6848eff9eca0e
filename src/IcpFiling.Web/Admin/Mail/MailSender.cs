using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace IcpFiling.Web.Admin.Mail;

/// <summary>Section <c>Smtp</c>: where the console sends mail. Without a host the console sends none and says so.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c>, or <c>None</c> (a relay on the same host or network only).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? UserName { get; set; }

    /// <summary>From the environment or a secret store, never from a file in the repository.</summary>
    public string? Password { get; set; }

    public string From { get; set; } = "ICP Filing console <no-reply@localhost>";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>A message for one recipient, already written in their language.</summary>
public sealed record MailMessage(string To, string Subject, string Body);

/// <summary>Sends mail through the configured SMTP server with MailKit; one connection per message (mail here is rare).</summary>
public sealed class MailSender(IOptionsMonitor<SmtpOptions> options, ILogger<MailSender> logger)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.CurrentValue.Host);

    /// <summary>True when the server accepted the message; false (logged) when it could not be sent.</summary>
    public async Task<bool> SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return false;
        }

        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(smtp.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Body };
        try
        {
            using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            logger.LogInformation("Mail '{Subject}' sent to {Recipient}", message.Subject, message.To);
            return true;
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException
            or MailKit.Net.Smtp.SmtpCommandException or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException
            or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(exception, "Mail '{Subject}' to {Recipient} could not be sent through {Host}:{Port}", message.Subject, message.To, smtp.Host, smtp.Port);
            return false;
        }
    }
}
