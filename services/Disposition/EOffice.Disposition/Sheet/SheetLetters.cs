using EOffice.ServiceDefaults.Data;

namespace EOffice.Disposition.Sheet;

/// <summary>The letter a disposition sheet heads, as it was first received (its copy in <c>letter_receipts</c>).</summary>
public sealed class SheetLetters(Db db)
{
    /// <summary>The letter, or null when it never reached this service; <c>subject</c> is null for a secret letter.</summary>
    public async Task<SheetLetter?> FindAsync(Guid letterId, CancellationToken ct)
    {
        var letter = await db.QuerySingleOrDefaultAsync<SheetLetterRow>(
            """
            select letter_id, number, agenda_number, letter_date, subject, sender, security, urgency, classification_code, received_at,
                   sender_number, sender_date, letter_received_at
            from letter_receipts where letter_id = @letterId order by received_at limit 1
            """, new { letterId }, ct);
        return letter is null ? null : new SheetLetter(letter.LetterId, letter.Number, letter.AgendaNumber, letter.LetterDate, letter.Subject,
            letter.Sender, letter.Security, letter.Urgency, letter.ClassificationCode, letter.ReceivedAt)
        {
            SenderNumber = letter.SenderNumber ?? letter.Number,
            SenderDate = letter.SenderDate ?? letter.LetterDate,
            LetterReceivedAt = letter.LetterReceivedAt,
        };
    }

    private sealed class SheetLetterRow
    {
        public Guid LetterId { get; init; }
        public string Number { get; init; } = "";
        public string? AgendaNumber { get; init; }
        public DateOnly? LetterDate { get; init; }
        public string? Subject { get; init; }
        public string? Sender { get; init; }
        public string Security { get; init; } = "";
        public string Urgency { get; init; } = "";
        public string ClassificationCode { get; init; } = "";
        public DateTimeOffset ReceivedAt { get; init; }
        public string? SenderNumber { get; init; }
        public DateOnly? SenderDate { get; init; }
        public DateTimeOffset? LetterReceivedAt { get; init; }
    }
}
