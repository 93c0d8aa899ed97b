using EOffice.Notification.Fanout;
using EOffice.ServiceDefaults.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace EOffice.Notification.Email;

/// <summary>Email settings (section <c>Notification:Email</c>). Off by default.</summary>
public sealed class EmailSettings
{
    /// <summary>Whether email is sent at all.</summary>
    public bool Enabled { get; set; }

    /// <summary>SMTP server.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>SMTP port.</summary>
    public int Port { get; set; } = 587;

    /// <summary>TLS: <c>Auto</c>, <c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c>.</summary>
    public string Security { get; set; } = "Auto";

    /// <summary>User name (none: no authentication).</summary>
    public string? Username { get; set; }

    /// <summary>Password.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address.</summary>
    public string From { get; set; } = "EOffice <no-reply@eoffice.local>";

    /// <summary>The public URL links in emails point to.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Attempts before an email is given up (with growing pauses between them).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first pause after a failure; each next one doubles.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The text of notification emails.</summary>
public static class EmailText
{
    /// <summary>A short plain-text email for a notice.</summary>
    public static string Body(string name, Notice notice, string publicUrl) =>
        $"Yth. {name},\n\n{notice.Title}\n{notice.Body}\n\nBuka: {publicUrl.TrimEnd('/')}{notice.Link}\n\n" +
        "Email ini dikirim otomatis oleh EOffice. Atur email notifikasi di preferensi Anda.";
}

/// <summary>
/// Sends queued emails over SMTP (MailKit). A failure is logged and retried later with a growing
/// pause, up to a limit; in-app notifications never wait for it.
/// </summary>
public sealed partial class EmailSender(Db db, EmailSettings settings, ILogger<EmailSender> logger) : BackgroundService
{
    /// <summary>Sends what is due; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var due = await uow.QueryAsync<QueuedEmail>(
            """
            select id, to_address, subject, body, attempts from email_queue
            where sent_at is null and failed_at is null and next_attempt_at <= now()
            order by next_attempt_at limit 20 for update skip locked
            """);
        if (due.Count == 0)
        {
            return 0;
        }

        var sent = 0;
        using var client = new SmtpClient { Timeout = 15000 };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, Enum.Parse<SecureSocketOptions>(settings.Security, ignoreCase: true), ct);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", ct);
            }

            foreach (var email in due)
            {
                var message = new MimeMessage();
                message.From.Add(MailboxAddress.Parse(settings.From));
                message.To.Add(MailboxAddress.Parse(email.ToAddress));
                message.Subject = email.Subject;
                message.Body = new TextPart("plain") { Text = email.Body };
                await client.SendAsync(message, ct);
                await uow.ExecuteAsync("update email_queue set sent_at = now(), attempts = attempts + 1 where id = @Id", email);
                sent++;
            }

            await client.DisconnectAsync(true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex.Message);
            foreach (var email in due.Skip(sent))
            {
                var attempts = email.Attempts + 1;
                await uow.ExecuteAsync(
                    """
                    update email_queue set attempts = @attempts, last_error = @error,
                        next_attempt_at = now() + @delay, failed_at = case when @attempts >= @max then now() end
                    where id = @Id
                    """,
                    new { email.Id, attempts, error = ex.Message, delay = settings.RetryDelay * Math.Pow(2, attempts - 1), max = settings.MaxAttempts });
            }
        }

        await uow.CommitAsync();
        return sent;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken);
            }
        }
    }

    private sealed class QueuedEmail
    {
        public Guid Id { get; init; }
        public string ToAddress { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Body { get; init; } = "";
        public int Attempts { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending notification email failed: {Message}; it will be retried")]
    private static partial void LogFailed(ILogger logger, string message);
}
