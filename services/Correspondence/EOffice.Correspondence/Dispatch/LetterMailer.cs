using EOffice.Correspondence.Documents;
using EOffice.Correspondence.Timeline;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Email;
using EOffice.ServiceDefaults.Text;
using MimeKit;

namespace EOffice.Correspondence.Dispatch;

/// <summary>The text of the e-mail that carries a letter to an external addressee.</summary>
public static class LetterMailText
{
    /// <summary>The subject: the type, number and subject of the letter.</summary>
    public static string Subject(string type, string? number, string subject) => $"{type} Nomor {number}: {subject}";

    /// <summary>A short plain-text covering note with the verification link.</summary>
    public static string Body(string name, string type, string? number, DateOnly? date, string subject, string verifyUrl) =>
        $"Yth. {name},\n\n" +
        $"Bersama ini kami sampaikan {type} Nomor {number}{(date is { } d ? " tanggal " + Indonesian.Date(d) : "")} hal {subject}. " +
        "Surat terlampir sebagai berkas PDF yang ditandatangani secara elektronik.\n\n" +
        $"Keaslian surat dapat diperiksa melalui tautan berikut atau dengan memindai kode QR pada surat:\n{verifyUrl}\n\n" +
        "Email ini dikirim otomatis oleh EOffice; mohon tidak membalas email ini.";
}

/// <summary>
/// Sends queued letter e-mails to external addressees over SMTP (the platform's <see cref="EmailSettings"/>),
/// the signed PDF attached: a failure is recorded with its reason and retried with a doubling pause
/// until <see cref="EmailSettings.MaxAttempts"/>, then given up (the secretariat sees it as failed and
/// may send it on paper). Rows are taken with <c>for update skip locked</c>, so several replicas share the work.
/// </summary>
public sealed partial class LetterMailer(Db db, EmailSettings settings, LetterDocuments documents, TimeProvider time, ILogger<LetterMailer> logger)
    : EmailQueueSender(settings, time, logger)
{
    /// <summary>Sends what is due; returns how many were sent.</summary>
    public override async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var due = await uow.QueryAsync<DueEmail>(
            """
            select d.id, d.letter_id, d.recipient_id, d.name, d.email, d.attempts,
                   l.type, l.number, l.letter_date, l.subject, l.verification_code, doc.pdf
            from letter_dispatches d join letters l on l.id = d.letter_id
            left join letter_documents doc on doc.letter_id = d.letter_id
            where d.method = 'email' and d.state in ('queued', 'failed') and d.next_attempt_at <= now()
            order by d.next_attempt_at limit 10
            for update of d skip locked
            """);
        if (due.Count == 0)
        {
            return 0;
        }

        var sent = 0;
        var pending = new Queue<DueEmail>(due);
        try
        {
            using var client = await Settings.ConnectAsync(ct);
            while (pending.TryPeek(out var email))
            {
                if (email.Pdf is null)
                {
                    // Nothing to attach (a letter signed before documents existed, or purged): no retry helps.
                    await FailAsync(uow, pending.Dequeue(), "Dokumen surat (PDF) tidak tersedia.", giveUp: true);
                    continue;
                }

                try
                {
                    await client.SendAsync(Message(email), ct);
                }
                catch (MailKit.Net.Smtp.SmtpCommandException refused) when (client.IsConnected)
                {
                    // This address was refused (e.g. no such mailbox); the others may still go.
                    await FailAsync(uow, pending.Dequeue(), refused.Message, giveUp: false);
                    continue;
                }

                pending.Dequeue();
                await uow.ExecuteAsync(
                    """
                    update letter_dispatches set state = 'sent', attempts = attempts + 1, sent_at = now(), last_error = null, next_attempt_at = null
                    where id = @Id
                    """, email);
                await uow.ExecuteAsync("update letter_recipients set dispatched_at = now() where id = @RecipientId", email);
                await LetterTimeline.AppendAsync(uow, email.LetterId, null, null, TimelineActions.Dispatched,
                    new { to = email.Name, method = DispatchMethods.Email, email = email.Email });
                sent++;
            }

            await client.DisconnectAsync(true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(Logger, ex.Message);
            while (pending.TryDequeue(out var email))
            {
                await FailAsync(uow, email, ex.Message, giveUp: false);
            }
        }

        await uow.CommitAsync();
        return sent;
    }

    private MimeMessage Message(DueEmail email)
    {
        var message = Settings.Message(email.Email, LetterMailText.Subject(email.Type, email.Number, email.Subject));
        var body = new BodyBuilder
        {
            TextBody = LetterMailText.Body(email.Name, email.Type, email.Number, email.LetterDate, email.Subject,
                documents.VerifyUrl(email.VerificationCode ?? "")),
        };
        body.Attachments.Add(DispatchRules.FileName(email.Type, email.Number), email.Pdf!, new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        return message;
    }

    private async Task FailAsync(UnitOfWork uow, DueEmail email, string reason, bool giveUp)
    {
        var attempts = email.Attempts + 1;
        var last = giveUp || attempts >= Settings.MaxAttempts;
        await uow.ExecuteAsync(
            """
            update letter_dispatches set state = 'failed', attempts = @attempts, last_error = @reason,
                next_attempt_at = case when @last then null else now() + @delay end
            where id = @Id
            """,
            new { email.Id, attempts, reason, last, delay = Settings.Backoff(attempts) });
        await LetterTimeline.AppendAsync(uow, email.LetterId, null, null, DispatchActions.Failed,
            new { to = email.Name, method = DispatchMethods.Email, reason, attempts, retry = !last });
    }

    private sealed class DueEmail
    {
        public Guid Id { get; init; }
        public Guid LetterId { get; init; }
        public Guid RecipientId { get; init; }
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public int Attempts { get; init; }
        public string Type { get; init; } = "";
        public string? Number { get; init; }
        public DateOnly? LetterDate { get; init; }
        public string Subject { get; init; } = "";
        public string? VerificationCode { get; init; }
        public byte[]? Pdf { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a letter to an external addressee by e-mail failed: {Message}; it will be retried")]
    private static partial void LogFailed(ILogger logger, string message);
}
