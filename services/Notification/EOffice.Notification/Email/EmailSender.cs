using EOffice.Notification.Fanout;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Email;
using MimeKit;

namespace EOffice.Notification.Email;

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
public sealed partial class EmailSender(Db db, EmailSettings settings, TimeProvider time, ILogger<EmailSender> logger)
    : EmailQueueSender(settings, time, logger)
{
    /// <summary>Sends what is due; returns how many were sent.</summary>
    public override async Task<int> SendDueAsync(CancellationToken ct)
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
        try
        {
            using var client = await Settings.ConnectAsync(ct);
            foreach (var email in due)
            {
                var message = Settings.Message(email.ToAddress, email.Subject);
                message.Body = new TextPart("plain") { Text = email.Body };
                await client.SendAsync(message, ct);
                await uow.ExecuteAsync("update email_queue set sent_at = now(), attempts = attempts + 1 where id = @Id", email);
                sent++;
            }

            await client.DisconnectAsync(true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(Logger, ex.Message);
            foreach (var email in due.Skip(sent))
            {
                var attempts = email.Attempts + 1;
                await uow.ExecuteAsync(
                    """
                    update email_queue set attempts = @attempts, last_error = @error,
                        next_attempt_at = now() + @delay, failed_at = case when @attempts >= @max then now() end
                    where id = @Id
                    """,
                    new { email.Id, attempts, error = ex.Message, delay = Settings.Backoff(attempts), max = Settings.MaxAttempts });
            }
        }

        await uow.CommitAsync();
        return sent;
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
