using EOffice.Archive.Classification;
using EOffice.Archive.Records;
using EOffice.Archive.Search;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Archive.Filing;

/// <summary>
/// Files (berkas): kept by a unit, or by its agency's archivists. Archivists see and fill the files of
/// every unit of their agency; everyone else those of the units of the positions they hold or act for.
/// A file takes only visible records of its unit and of its classification or a sub-code.
/// </summary>
public sealed class FileStore(Db db, OrgChart org, ClassificationScheme scheme)
{
    private const string FileColumns =
        $"""
        f.id, f.unit_id, f.classification_code, f.description, f.period_from, f.period_to, f.created_by, f.created_at,
        (select count(*)::int from records r where r.file_id = f.id and {RecordScope.Sql}) as record_count
        """;

    /// <summary>The units whose files the caller keeps: their agency's as archivist, else those of the positions they hold or act for.</summary>
    private async Task<Guid[]> KeptUnitsAsync(RecordScope scope, CancellationToken ct) =>
        scope.ArchivistUnits.Concat((await org.PositionsAsync(scope.Positions, ct)).Select(p => p.UnitId)).Distinct().ToArray();

    private static object ScopeParameters(RecordScope scope) =>
        new { positions = scope.Positions, secretariatUnits = scope.SecretariatUnits, archivistUnits = scope.ArchivistUnits };

    /// <summary>The files the caller keeps, newest first, optionally of one unit and of a classification code or its sub-codes.</summary>
    public async Task<Page<FileView>> ListAsync(Guid? unitId, string? classification, int? limit, string? after, Caller caller, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var afterId = Paging.Read(after, 1)?.Id(0);
        var scope = await RecordScope.OfAsync(caller, org, ct);
        var p = new Dapper.DynamicParameters(ScopeParameters(scope));
        p.AddDynamicParams(new { units = await KeptUnitsAsync(scope, ct), unitId, classification, afterId, take = take + 1 });
        var rows = await db.QueryAsync<FileView>(
            $"""
            select {FileColumns} from files f
            where f.unit_id = any(@units)
              and (@unitId::uuid is null or f.unit_id = @unitId)
              and (@classification::text is null or f.classification_code = @classification or f.classification_code like @classification || '.%')
              and (@afterId::uuid is null or f.id < @afterId)
            order by f.id desc
            limit @take
            """, p, ct);
        return Paging.Build(rows, take, f => Paging.Encode(f.Id.ToString()));
    }

    /// <summary>A file the caller keeps, with the records in it they may see; 404 otherwise.</summary>
    public async Task<FileDetail> GetAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var scope = await RecordScope.OfAsync(caller, org, ct);
        var p = new Dapper.DynamicParameters(ScopeParameters(scope));
        p.AddDynamicParams(new { id, units = await KeptUnitsAsync(scope, ct) });
        var file = await db.QuerySingleOrDefaultAsync<FileDetail>($"select {FileColumns} from files f where f.id = @id and f.unit_id = any(@units)", p, ct)
            ?? throw ProblemException.NotFound("file");
        var records = await db.QueryAsync<RecordView>(
            $"""
            select {RecordSearch.Columns}, null::float8 as rank from records r
            where r.file_id = @id and {RecordScope.Sql}
            order by r.letter_date, r.number, r.id
            """, p, ct);
        return file with { Records = records };
    }

    /// <summary>Creates a file for a unit the caller keeps files of (their own unit by default); returns its id and unit.</summary>
    public async Task<(Guid Id, Guid UnitId)> CreateAsync(FileRequest r, Caller caller, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("classificationCode", r.ClassificationCode, 50).Required("description", r.Description, 500);
        errors.Check(r.PeriodFrom is null || r.PeriodTo is null || r.PeriodFrom <= r.PeriodTo, "periodTo", "Tidak boleh sebelum awal periode.");
        errors.ThrowIfAny();
        if (!(await scheme.LoadAsync(ct)).ContainsKey(r.ClassificationCode!))
        {
            throw ProblemException.Invalid("classificationCode", "Kode tidak ada dalam pola klasifikasi.");
        }

        var unit = r.UnitId ?? caller.UnitId ?? throw ProblemException.Invalid("unitId", "Required.");
        var scope = await RecordScope.OfAsync(caller, org, ct);
        if (!(await KeptUnitsAsync(scope, ct)).Contains(unit))
        {
            throw ProblemException.Forbidden("Berkas disimpan oleh unit itu sendiri atau arsiparis instansinya.");
        }

        await using var uow = await db.BeginAsync(ct);
        var id = Guid.CreateVersion7();
        await uow.ExecuteAsync(
            "insert into files (id, unit_id, classification_code, description, period_from, period_to, created_by) values (@id, @unit, @ClassificationCode, @Description, @PeriodFrom, @PeriodTo, @userId)",
            new { id, unit, r.ClassificationCode, r.Description, r.PeriodFrom, r.PeriodTo, userId = caller.UserId });
        await uow.AuditAsync(caller.UserId, "file-created", "file", id, r);
        await uow.CommitAsync();
        return (id, unit);
    }

    /// <summary>Files records the caller may see into a file they keep (same unit, the file's code or a sub-code); returns how many.</summary>
    public async Task<int> FileRecordsAsync(Guid id, FileRecordsRequest r, Caller caller, CancellationToken ct)
    {
        new FieldErrors().Check(r.RecordIds is { Count: > 0 and <= 1000 }, "recordIds", "Satu sampai 1000 arsip.").ThrowIfAny();
        var ids = r.RecordIds!.Distinct().ToArray();
        var scope = await RecordScope.OfAsync(caller, org, ct);
        var units = await KeptUnitsAsync(scope, ct);
        await using var uow = await db.BeginAsync(ct);
        var file = await uow.QuerySingleOrDefaultAsync<FiledInto>("select unit_id, classification_code from files where id = @id for share", new { id });
        if (file is null || !units.Contains(file.UnitId))
        {
            throw ProblemException.NotFound("file");
        }

        var p = new Dapper.DynamicParameters(ScopeParameters(scope));
        p.AddDynamicParams(new { ids });
        var records = (await uow.QueryAsync<Filed>($"select r.id, r.unit_id, r.classification_code from records r where r.id = any(@ids) and {RecordScope.Sql}", p))
            .ToDictionary(x => x.Id);
        var errors = new FieldErrors();
        foreach (var recordId in ids)
        {
            // A record the caller may not see does not exist for them.
            var record = records.GetValueOrDefault(recordId) ?? throw ProblemException.NotFound("record");
            errors.Check(record.UnitId == file.UnitId, "recordIds", $"Arsip {recordId} milik unit lain, bukan unit berkas ini.");
            errors.Check(FileRules.Takes(file.ClassificationCode, record.ClassificationCode), "recordIds",
                $"Arsip {recordId} berklasifikasi {record.ClassificationCode}; berkas ini hanya menerima {file.ClassificationCode} dan sub-kodenya.");
        }

        errors.ThrowIfAny();
        var filed = await uow.ExecuteAsync("update records set file_id = @id, updated_at = now() where id = any(@ids)", new { id, ids });
        await uow.AuditAsync(caller.UserId, "records-filed", "file", id, new { recordIds = ids });
        await uow.CommitAsync();
        return filed;
    }

    private sealed class FiledInto
    {
        public Guid UnitId { get; init; }
        public string ClassificationCode { get; init; } = "";
    }

    private sealed class Filed
    {
        public Guid Id { get; init; }
        public Guid UnitId { get; init; }
        public string ClassificationCode { get; init; } = "";
    }
}
