using System.Globalization;
using System.Text;
using EOffice.Archive.Classification;
using EOffice.Archive.Records;
using EOffice.Contracts;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Archive.Disposal;

/// <summary>Propose disposal of due records.</summary>
public sealed record ProposalRequest(IReadOnlyList<Guid>? RecordIds, string? LegalBasis);

/// <summary>A proposal and, once approved, its minutes (berita acara).</summary>
public sealed record ProposalView(
    Guid Id, string Status, string LegalBasis, Guid ProposedBy, DateTimeOffset ProposedAt, Guid? ApprovedBy, DateTimeOffset? ApprovedAt,
    string? Minutes, IReadOnlyList<Guid> RecordIds);

/// <summary>A proposal as lists show it.</summary>
public sealed record ProposalSummary
{
    public Guid Id { get; init; }
    public Guid? UnitId { get; init; }
    public string Status { get; init; } = "";
    public string LegalBasis { get; init; } = "";
    public Guid ProposedBy { get; init; }
    public DateTimeOffset ProposedAt { get; init; }
    public Guid? ApprovedBy { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }
    public int RecordCount { get; init; }
}

/// <summary>
/// Disposal (penyusutan): an archivist proposes due records; an archivist approves; then
/// <c>Destroy</c> records lose their content (metadata and the minutes stay) and <c>Permanent</c>
/// ones are marked transferred to the city archive. A legal hold blocks both.
/// </summary>
public sealed class DisposalFlow(Db db, OrgChart org, TimeProvider clock)
{
    /// <summary>The default legal basis quoted in the minutes.</summary>
    public const string DefaultLegalBasis =
        "UU 43/2009 tentang Kearsipan; PP 28/2012; Peraturan ANRI tentang Jadwal Retensi Arsip; Permendagri 83/2022";

    /// <summary>Creates a proposal of records that are due, not held and within the archivist's agency.</summary>
    public async Task<Guid> ProposeAsync(ProposalRequest r, Caller caller, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Check(r.RecordIds is { Count: > 0 and <= 1000 }, "recordIds", "Satu sampai 1000 arsip.");
        errors.Check(r.LegalBasis is null || r.LegalBasis.Length <= 1000, "legalBasis", "Paling banyak 1000 karakter.");
        errors.ThrowIfAny();
        var scope = await RecordScope.OfAsync(caller, org, ct);

        await using var uow = await db.BeginAsync(ct);
        var records = await uow.QueryAsync<ProposalRecordRow>(
            "select id, unit_id, state, hold, final_disposition from records where id = any(@ids) for update", new { ids = r.RecordIds!.Distinct().ToArray() });
        foreach (var id in r.RecordIds!.Distinct())
        {
            var rec = records.FirstOrDefault(x => x.Id == id);
            if (rec is null || !scope.IsArchivistOf(rec.UnitId))
            {
                throw ProblemException.Invalid("recordIds", $"Arsip {id} tidak ada atau bukan arsip instansi Anda.");
            }

            if (!RecordLifecycle.Allows(rec.State, RecordLifecycle.DisposalOf(rec.FinalDisposition) ?? RecordAction.Destroy))
            {
                throw ProblemException.Conflict("not-due", $"Arsip {id} berstatus {rec.State}, belum jatuh tempo penyusutan.");
            }

            if (rec.Hold)
            {
                throw ProblemException.Conflict("on-hold", $"Arsip {id} sedang ditahan (legal hold).");
            }

            if (RecordLifecycle.DisposalOf(rec.FinalDisposition) is null)
            {
                throw ProblemException.Conflict("needs-review", $"Arsip {id} harus dinilai kembali (nasib akhir Review) sebelum disusutkan.");
            }
        }

        var proposal = Guid.CreateVersion7();
        await uow.ExecuteAsync(
            "insert into disposal_proposals (id, unit_id, status, legal_basis, proposed_by) values (@proposal, @unit, @status, @basis, @userId)",
            new { proposal, status = ProposalStatus.Proposed, unit = records[0].UnitId, basis = r.LegalBasis ?? DefaultLegalBasis, userId = caller.UserId });
        foreach (var rec in records)
        {
            await uow.ExecuteAsync("insert into disposal_proposal_records (proposal_id, record_id) values (@proposal, @Id)", new { proposal, rec.Id });
        }

        await uow.AuditAsync(caller.UserId, "disposal-proposed", "disposal-proposal", proposal, new { records = records.Count });
        await uow.CommitAsync();
        return proposal;
    }

    /// <summary>Approves a proposal: destroys or transfers each record and writes the minutes.</summary>
    public async Task ApproveAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var scope = await RecordScope.OfAsync(caller, org, ct);
        await using var uow = await db.BeginAsync(ct);
        var proposal = await uow.QuerySingleOrDefaultAsync<ProposalRow>(ProposalSelect + " where id = @id for update", new { id })
            ?? throw ProblemException.NotFound("disposal proposal");
        if (proposal.UnitId is not { } unit || !scope.IsArchivistOf(unit))
        {
            throw ProblemException.NotFound("disposal proposal");
        }

        if (proposal.Status != ProposalStatus.Proposed)
        {
            throw ProblemException.Conflict("wrong-state", "Usulan ini sudah disetujui.");
        }

        if (proposal.ProposedBy == caller.UserId)
        {
            throw ProblemException.Forbidden("Arsiparis yang mengusulkan penyusutan tidak boleh menyetujuinya sendiri; persetujuan harus oleh arsiparis lain di instansi ini.");
        }

        // Every record of the letters concerned, locked in one order: two approvals that together
        // destroy a letter's records wait for each other, so exactly one of them sees the letter gone.
        await uow.ExecuteAsync(
            """
            select id from records where letter_id in (
                select r.letter_id from records r join disposal_proposal_records p on p.record_id = r.id where p.proposal_id = @id)
            order by id for update
            """, new { id });
        var records = await uow.QueryAsync<MinutesRow>(
            """
            select r.id, r.letter_id, r.unit_id, r.number, r.subject, r.classification_code, r.letter_date, r.state, r.hold, r.final_disposition
            from records r join disposal_proposal_records p on p.record_id = r.id
            where p.proposal_id = @id order by r.letter_date, r.number for update of r
            """, new { id });
        if (records.FirstOrDefault(r => r.Hold) is { } held)
        {
            throw ProblemException.Conflict("on-hold", $"Arsip {held.Number} ditahan setelah diusulkan; keluarkan dari usulan.");
        }

        if (records.FirstOrDefault(r => !RecordLifecycle.Allows(r.State, RecordLifecycle.DisposalOf(r.FinalDisposition) ?? RecordAction.Destroy)) is { } moved)
        {
            throw ProblemException.Conflict("not-due", $"Arsip {moved.Number} berstatus {moved.State}, tidak lagi jatuh tempo penyusutan.");
        }

        var now = clock.GetUtcNow();
        var approver = await org.UserAsync(caller.UserId, ct, uow);
        var minutes = Minutes(proposal, records, approver?.Name ?? caller.Name, approver?.Nip ?? caller.Nip, now);
        foreach (var r in records)
        {
            var action = RecordLifecycle.DisposalOf(r.FinalDisposition)
                ?? throw ProblemException.Conflict("needs-review", $"Arsip {r.Number} harus dinilai kembali (nasib akhir Review) sebelum disusutkan.");
            var state = RecordLifecycle.Next(r.State, action, r.Number);
            if (action == RecordAction.Destroy)
            {
                await uow.ExecuteAsync(
                    """
                    update records set state = @state, destroyed_at = now(), summary = null, body = null,
                        doc = search_doc(subject, null, null, names, number), updated_at = now()
                    where id = @id
                    """, new { id = r.Id, state });
                await uow.PublishAsync(new RecordDestroyed(r.Id, r.LetterId, r.UnitId, r.ClassificationCode, state, id, now));
            }
            else
            {
                await uow.ExecuteAsync("update records set state = @state, updated_at = now() where id = @id", new { id = r.Id, state });
                await uow.PublishAsync(new RecordTransferred(r.Id, r.LetterId, r.UnitId, r.ClassificationCode, state, id, now));
            }
        }

        // A letter whose every record is now destroyed: Correspondence purges its body and files.
        var purged = await uow.QueryAsync<Guid>(
            """
            select distinct r.letter_id from records r
            where r.letter_id = any(@letters)
              and not exists (select 1 from records o where o.letter_id = r.letter_id and o.state <> @destroyed)
            """, new
            {
                letters = records.Where(r => r.FinalDisposition == FinalDisposition.Destroy).Select(r => r.LetterId).Distinct().ToArray(),
                destroyed = RecordStates.Destroyed,
            });
        foreach (var letter in purged)
        {
            await uow.PublishAsync(new LetterContentPurged(letter, now));
        }

        // The text kept from the internal exchange goes with the last record (a replayed event must not bring it back).
        await uow.ExecuteAsync("delete from letter_contents where letter_id = any(@purged)", new { purged = purged.ToArray() });

        await uow.ExecuteAsync(
            "update disposal_proposals set status = @status, approved_by = @userId, approved_at = @now, minutes = @minutes where id = @id",
            new { id, status = ProposalStatus.Approved, userId = caller.UserId, now, minutes });
        await uow.AuditAsync(caller.UserId, "disposal-approved", "disposal-proposal", id, new { records = records.Count });
        await uow.CommitAsync();
    }

    /// <summary>A proposal the caller (archivist of its agency) may see.</summary>
    public async Task<ProposalView> GetAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var scope = await RecordScope.OfAsync(caller, org, ct);
        var p = await db.QuerySingleOrDefaultAsync<ProposalRow>(ProposalSelect + " where id = @id", new { id }, ct);
        if (p?.UnitId is not { } unit || !scope.IsArchivistOf(unit))
        {
            throw ProblemException.NotFound("disposal proposal");
        }

        var ids = await db.QueryAsync<Guid>("select record_id from disposal_proposal_records where proposal_id = @id", new { id }, ct);
        return new ProposalView(p.Id, p.Status, p.LegalBasis, p.ProposedBy, p.ProposedAt, p.ApprovedBy, p.ApprovedAt, p.Minutes, ids);
    }

    /// <summary>The proposals of the archivist's agency, newest first, optionally of one status.</summary>
    public async Task<Page<ProposalSummary>> ListAsync(string? status, int? limit, string? after, Caller caller, CancellationToken ct)
    {
        new FieldErrors().Check(status is null || ProposalStatus.All.Contains(status), "status", string.Join(" or ", ProposalStatus.All) + ".").ThrowIfAny();
        var take = Paging.Limit(limit);
        var afterId = Paging.Read(after, 1)?.Id(0);
        var scope = await RecordScope.OfAsync(caller, org, ct);
        var rows = await db.QueryAsync<ProposalSummary>(
            """
            select p.id, p.unit_id, p.status, p.legal_basis, p.proposed_by, p.proposed_at, p.approved_by, p.approved_at,
                   (select count(*)::int from disposal_proposal_records x where x.proposal_id = p.id) as record_count
            from disposal_proposals p
            where p.unit_id = any(@units)
              and (@status::text is null or p.status = @status)
              and (@afterId::uuid is null or p.id < @afterId)
            order by p.id desc
            limit @take
            """, new { units = scope.ArchivistUnits, status, afterId, take = take + 1 }, ct);
        return Paging.Build(rows, take, p => Paging.Encode(p.Id.ToString()));
    }

    private static string Minutes(ProposalRow p, IReadOnlyList<MinutesRow> records, string approver, string? nip, DateTimeOffset at)
    {
        var local = CityClock.InCity(at);
        var b = new StringBuilder();
        b.AppendLine("BERITA ACARA PENYUSUTAN ARSIP")
         .AppendLine(CultureInfo.InvariantCulture, $"Pada {local:yyyy-MM-dd HH:mm} {CityClock.ZoneName}, {approver}{(nip is null ? "" : $" (NIP {nip})")} selaku arsiparis")
         .AppendLine(CultureInfo.InvariantCulture, $"menyetujui usulan penyusutan {p.Id} tanggal {CityClock.InCity(p.ProposedAt):yyyy-MM-dd}.")
         .AppendLine(CultureInfo.InvariantCulture, $"Dasar hukum: {p.LegalBasis}.")
         .AppendLine("Daftar arsip:");
        var i = 1;
        // A letter kept by several units of the agency has a record in each: the minutes name it once.
        foreach (var r in records.DistinctBy(r => (r.Number, r.FinalDisposition)))
        {
            var action = r.FinalDisposition == FinalDisposition.Destroy ? "dimusnahkan" : "diserahkan sebagai arsip statis (permanen)";
            b.AppendLine(CultureInfo.InvariantCulture, $"{i++}. {r.Number} ({r.LetterDate:yyyy-MM-dd}, kode {r.ClassificationCode}): {action}");
        }

        return b.ToString();
    }

    private sealed class ProposalRecordRow
    {
        public Guid Id { get; init; }
        public Guid UnitId { get; init; }
        public string State { get; init; } = "";
        public bool Hold { get; init; }
        public string FinalDisposition { get; init; } = "";
    }

    private const string ProposalSelect =
        "select id, unit_id, status, legal_basis, proposed_by, proposed_at, approved_by, approved_at, minutes from disposal_proposals";

    private sealed class ProposalRow
    {
        public Guid Id { get; init; }
        public Guid? UnitId { get; init; }
        public string Status { get; init; } = "";
        public string LegalBasis { get; init; } = "";
        public Guid ProposedBy { get; init; }
        public DateTimeOffset ProposedAt { get; init; }
        public Guid? ApprovedBy { get; init; }
        public DateTimeOffset? ApprovedAt { get; init; }
        public string? Minutes { get; init; }
    }

    private sealed class MinutesRow
    {
        public Guid Id { get; init; }
        public Guid LetterId { get; init; }
        public Guid UnitId { get; init; }
        public string Number { get; init; } = "";
        public string? Subject { get; init; }
        public string ClassificationCode { get; init; } = "";
        public DateOnly LetterDate { get; init; }
        public string State { get; init; } = "";
        public bool Hold { get; init; }
        public string FinalDisposition { get; init; } = "";
    }
}
