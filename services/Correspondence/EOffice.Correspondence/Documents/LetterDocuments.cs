using System.Security.Cryptography;
using EOffice.Correspondence.Letters;
using EOffice.Org;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Documents;

/// <summary>The facts of signing that go onto the paper.</summary>
public sealed record SigningFacts(string Number, DateOnly Date, string VerificationCode, string SignerTitle, Guid SignerUserId, DateTimeOffset At)
{
    /// <summary>For a letter signed for a superior: <c>a.n. Kepala Dinas …</c>, the line above the signer's title.</summary>
    public string? OnBehalfLine { get; init; }
}

/// <summary>
/// The official letter document: builds its <see cref="LetterPaper"/> from the letter and the
/// org-chart copy (kop surat of the signer's agency, addressees by title), renders it and, at
/// signing, signs it with the configured provider and stores it with its SHA-256.
/// </summary>
public sealed class LetterDocuments(
    Db db, OrgChart org, ISignatureProvider provider, LetterheadSource letterheads, IConfiguration configuration, ILogger<LetterDocuments> logger)
{
    private readonly string _publicBase = (configuration["Documents:PublicBaseUrl"] ?? configuration["Auth:Issuer"] ?? "http://127.0.0.1:8080").TrimEnd('/');

    /// <summary>The address printed in the QR code.</summary>
    public string VerifyUrl(string code) => $"{_publicBase}/verify/{code}";

    /// <summary>
    /// Renders <paramref name="paper"/> (the paper of <see cref="PaperAsync"/>, now with its number), signs it and stores
    /// it inside the signing transaction; returns the PDF's SHA-256 (hex). A provider failure throws, and the transaction
    /// (number included) rolls back. <paramref name="credentials"/> are the signer's for a certified provider (BSrE).
    /// Everything that does not depend on the number — the org-chart reads and the kop surat behind the paper — is
    /// gathered before the number is taken, so only the rendering and the signature happen while it is held.
    /// </summary>
    public async Task<string> SignAndStoreAsync(
        LetterPaper paper, SigningFacts facts, UnitOfWork uow, CancellationToken ct, SignerCredentials? credentials = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var unsigned = LetterRenderer.RenderBytes(paper with { Number = facts.Number, Date = facts.Date });
        var rendered = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var pdf = await provider.SignAsync(unsigned, new DocumentSignature(paper.SignerName ?? "", $"{paper.Type} {facts.Number}", paper.Place, facts.At, credentials), ct);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        // Both happen while the unit's number counter is locked: worth watching for a busy unit.
        logger.LogInformation("Letter {LetterId} rendered in {RenderMs} ms and signed in {SignMs} ms ({Bytes} bytes) while holding its number",
            paper.LetterId, (int)rendered.TotalMilliseconds, (int)(System.Diagnostics.Stopwatch.GetElapsedTime(started) - rendered).TotalMilliseconds, pdf.Length);
        await uow.ExecuteAsync(
            "insert into letter_documents (letter_id, pdf, sha256) values (@id, @pdf, @sha256)", new { id = paper.LetterId, pdf, sha256 });
        return sha256;
    }

    /// <summary>
    /// The official document of an outgoing letter <paramref name="a"/> (already checked visible): the signed PDF as stored at
    /// signing, or before signing a preview watermarked DRAF. 404 for a letter registered from outside, or with no stored PDF.
    /// </summary>
    public async Task<byte[]> DocumentAsync(LetterAggregate a, CancellationToken ct)
    {
        var l = a.Letter;
        if (l.Direction != "Outgoing")
        {
            throw new ProblemException(StatusCodes.Status404NotFound, "no-document", "Not found",
                "A letter registered from outside has no document rendered here; see its attachments.");
        }

        return l.Number is null
            ? await PreviewAsync(a, ct)
            : await db.QuerySingleOrDefaultAsync<byte[]>("select pdf from letter_documents where letter_id = @letterId", new { letterId = l.Id }, ct) ?? throw new ProblemException(StatusCodes.Status404NotFound, "no-document", "Not found",
                l.PurgedAt is not null ? "The letter's records were destroyed under an approved disposal (berita acara)." : "This letter was signed before documents were stored.");
    }

    /// <summary>The preview of an unsigned letter: watermarked DRAF, no number, no signature, no QR code.</summary>
    public async Task<byte[]> PreviewAsync(LetterAggregate a, CancellationToken ct) =>
        LetterRenderer.RenderBytes(await PaperAsync(a, null, ct));

    /// <summary>The paper of a letter: signed (with <paramref name="facts"/>) or a draft.</summary>
    public async Task<LetterPaper> PaperAsync(LetterAggregate a, SigningFacts? facts, CancellationToken ct, UnitOfWork? uow = null)
    {
        var l = a.Letter;
        var signerPosition = l.SignerPositionId is { } sp ? await org.PositionAsync(sp, ct, uow) : null;
        var signerUser = facts is not null ? await org.UserAsync(facts.SignerUserId, ct, uow)
            : signerPosition?.HolderUserId is { } h ? await org.UserAsync(h, ct, uow) : null;
        var positions = (await org.PositionsAsync(
            a.Recipients.SelectMany(r => new[] { r.PositionId, r.TargetPositionId }).OfType<Guid>(), ct, uow)).ToDictionary(p => p.Id);
        var units = await UnitNamesAsync(a.Recipients.Select(r => r.UnitId).OfType<Guid>(), uow, ct);

        string Name(RecipientRow r) =>
            r.ExternalName is { } external ? external
            : (r.PositionId ?? r.TargetPositionId) is { } p && positions.TryGetValue(p, out var pos) ? pos.Title
            : r.UnitId is { } u && units.TryGetValue(u, out var unit) ? "Kepala " + unit
            : "";

        // An external addressee with its address below its name ("Yth. Kepala Dinas …\nJl. …").
        string Addressee(RecipientRow r) =>
            r.ExternalName is not null && !string.IsNullOrWhiteSpace(r.ExternalAddress) ? $"{Name(r)}\n{r.ExternalAddress.Trim()}" : Name(r);

        var (city, agency, agencyId) = await AgencyAsync(signerPosition?.UnitId ?? l.UnitId, uow, ct);
        var place = configuration["Documents:Place"] ?? PlaceOf(city);
        var letterhead = agencyId is { } unit ? await letterheads.FindAsync(unit, forSigning: facts is not null, ct) : null;
        return new LetterPaper
        {
            LetterId = l.Id,
            Type = l.Type,
            Letterhead = letterhead ?? Letterhead.Default(city, agency, place),
            Place = place,
            Date = facts?.Date,
            Number = facts?.Number,
            Security = l.Security,
            Urgency = l.Urgency,
            AttachmentCount = a.Attachments.Count,
            Subject = l.Subject,
            To = a.Recipients.Where(r => !r.Cc).OrderBy(r => r.Ordinal).Select(Addressee).ToList(),
            Cc = a.Recipients.Where(r => r.Cc).OrderBy(r => r.Ordinal).Select(Name).ToList(),
            Body = l.Body,
            Event = EventRules.FromJson(l.Event) is { } e ? EventRules.Lines(e) : [],
            SignerTitle = facts?.SignerTitle ?? signerPosition?.Title ?? "",
            OnBehalfLine = facts?.OnBehalfLine,
            SignerName = signerUser?.Name,
            SignerNip = signerUser?.Nip,
            VerifyUrl = facts is null ? null : VerifyUrl(facts.VerificationCode),
            Draft = facts is null,
            Timestamp = facts?.At ?? l.UpdatedAt,
        };
    }

    // "Pemerintah Kota Depok" is written "Depok" as the place of a letter.
    private static string PlaceOf(string city)
    {
        foreach (var prefix in (string[])["Pemerintah Kota ", "Pemerintah Kabupaten ", "Kota ", "Kabupaten "])
        {
            if (city.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return city[prefix.Length..];
            }
        }

        return city;
    }

    // The city (the root unit) and the agency (the highest unit below it) of a unit.
    private async Task<(string City, string Agency, Guid? AgencyId)> AgencyAsync(Guid? unitId, UnitOfWork? uow, CancellationToken ct)
    {
        const string sql =
            """
            with recursive up (id, name, parent_id, depth) as (
                select id, name, parent_id, 0 from org_units where id = @unitId
                union all
                select u.id, u.name, u.parent_id, up.depth + 1 from org_units u join up on u.id = up.parent_id where up.depth < 50
            )
            select id, name from up order by depth desc limit 2
            """;
        var names = uow is not null
            ? await uow.QueryAsync<(Guid Id, string Name)>(sql, new { unitId })
            : await db.QueryAsync<(Guid Id, string Name)>(sql, new { unitId }, ct);
        return names.Count switch
        {
            0 => ("Pemerintah Kota", "", null),
            1 => (names[0].Name, names[0].Name, names[0].Id),
            _ => (names[0].Name, names[1].Name, names[1].Id),
        };
    }

    private async Task<Dictionary<Guid, string>> UnitNamesAsync(IEnumerable<Guid> ids, UnitOfWork? uow, CancellationToken ct)
    {
        const string sql = "select id, name from org_units where id = any(@ids)";
        var array = ids.Distinct().ToArray();
        var rows = uow is not null
            ? await uow.QueryAsync<(Guid, string)>(sql, new { ids = array })
            : await db.QueryAsync<(Guid, string)>(sql, new { ids = array }, ct);
        return rows.ToDictionary(r => r.Item1, r => r.Item2);
    }
}
