using EOffice.Contracts;
using EOffice.Org;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Messaging;

namespace EOffice.Archive.Records;

/// <summary>A sent letter becomes a record in the sender's unit and in each internal recipient's unit.</summary>
public sealed class LetterSentConsumer(Db db, RecordWriter writer, OrgChart org) : IdempotentConsumer<LetterSent>(db)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(LetterSent m, UnitOfWork uow, CancellationToken ct)
    {
        await LetterContentConsumer.LockLetterAsync(uow, m.LetterId);
        var recipientPositions = new List<Guid>();
        foreach (var r in m.Recipients)
        {
            var position = r.PositionId ?? (r.UnitId is { } unit ? await org.HeadOfUnitAsync(unit, ct, uow) : null);
            if (position is { } p)
            {
                recipientPositions.Add(p);
            }
        }

        var involved = recipientPositions.Append(m.SignerPositionId).Concat(m.ReviewerPositionIds)
            .Concat(m.DrafterPositionId is { } d ? [d] : []).ToList();
        var positions = await org.PositionsAsync(involved, ct, uow);
        var names = positions.SelectMany(p => new[] { p.Title, p.HolderName ?? "", p.UnitName })
            .Concat(m.Recipients.Select(r => r.External?.Name ?? "")).ToList();
        var source = await LetterContentConsumer.WithTextAsync(uow, new RecordSource(m.LetterId, "Outgoing", m.Number, m.Type, m.Subject,
            m.Summary, null, m.ClassificationCode, m.Security, m.Date, involved, names));

        await writer.CreateAsync(uow, source, m.SenderUnitId, ct);
        foreach (var unit in positions.Where(p => recipientPositions.Contains(p.Id)).Select(p => p.UnitId).Distinct().Where(u => u != m.SenderUnitId))
        {
            await writer.CreateAsync(uow, source with { Direction = "Incoming" }, unit, ct);
        }
    }
}

/// <summary>A registered incoming letter becomes a record in each recipient's unit.</summary>
public sealed class IncomingLetterRegisteredConsumer(Db db, RecordWriter writer, OrgChart org) : IdempotentConsumer<IncomingLetterRegistered>(db)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(IncomingLetterRegistered m, UnitOfWork uow, CancellationToken ct)
    {
        await LetterContentConsumer.LockLetterAsync(uow, m.LetterId);
        var recipientPositions = new List<Guid>();
        foreach (var r in m.Recipients)
        {
            var position = r.PositionId ?? (r.UnitId is { } unit ? await org.HeadOfUnitAsync(unit, ct, uow) : null);
            if (position is { } p)
            {
                recipientPositions.Add(p);
            }
        }

        var involved = recipientPositions.Concat(m.RegisteredByPositionId is { } reg ? [reg] : []).ToList();
        var positions = await org.PositionsAsync(involved, ct, uow);
        var names = positions.SelectMany(p => new[] { p.Title, p.HolderName ?? "", p.UnitName }).Append(m.SenderInstitution).ToList();
        var number = m.SenderNumber is { Length: > 0 } their ? $"{m.AgendaNumber} ({their})" : m.AgendaNumber;
        var source = await LetterContentConsumer.WithTextAsync(uow, new RecordSource(m.LetterId, "Incoming", number, null, m.Subject, m.Summary,
            null, m.ClassificationCode, m.Security, m.SenderDate ?? DateOnly.FromDateTime(m.OccurredAt.UtcDateTime), involved, names));
        var units = positions.Where(p => recipientPositions.Contains(p.Id)).Select(p => p.UnitId).Append(m.UnitId).Distinct();
        foreach (var unit in units)
        {
            await writer.CreateAsync(uow, source, unit, ct);
        }
    }
}

/// <summary>When every disposition of a letter is completed, its records say so.</summary>
public sealed class DispositionCompletedConsumer(Db db) : IdempotentConsumer<DispositionCompleted>(db)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(DispositionCompleted m, UnitOfWork uow, CancellationToken ct)
    {
        if (m.LetterCompleted)
        {
            await uow.ExecuteAsync(
                "update records set dispositions_completed_at = coalesce(dispositions_completed_at, @OccurredAt), updated_at = now() where letter_id = @LetterId", m);
        }
    }
}
