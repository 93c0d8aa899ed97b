using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;

namespace EOffice.Correspondence.Tests;

/// <summary>
/// A scenario for the reports: Disdukcapil's secretariat registers four incoming letters around March–April 2025
/// (one Rahasia to a section head, one just after midnight WIB on 1 March, one just after midnight on 1 May — outside),
/// Kominfo's secretariat one; the drafter sends one internal letter today.
/// </summary>
public sealed class ReportFixture : CorrespondenceFixture
{
    public const string Period = "from=2025-03-01&to=2025-04-30";
    public const string KadisDukcapil = Addressee;
    public const string KasiIdp = "andi.kurniawan@eoffice.local";
    public const string Staff = "eka.saputra@eoffice.local";
    public const string Admin = "admin@eoffice.local";
    public const string KominfoSecretariat = Secretariat;
    public const string SecretSubject = "Data rahasia penyidikan";

    public Guid SecretLetter { get; private set; }

    public Guid SentLetter { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegisterAsync(AddresseeSecretariat, "Kepala Dinas Kependudukan dan Pencatatan Sipil", "2025-03-10T02:00:00Z", "Biasa", "Surat Dinas", "Permintaan data kependudukan");
        SecretLetter = await RegisterAsync(AddresseeSecretariat, "Kepala Seksi Identitas Penduduk", "2025-03-20T16:30:00Z", "Rahasia", "Surat Undangan", SecretSubject);
        await RegisterAsync(AddresseeSecretariat, "Kepala Bidang Pelayanan Pendaftaran Penduduk", "2025-04-30T17:30:00Z", "Terbatas", "Surat Dinas", "Di luar periode");
        await RegisterAsync(AddresseeSecretariat, "Kepala Dinas Kependudukan dan Pencatatan Sipil", "2025-02-28T17:10:00Z", "Biasa", "Surat Dinas", "=Rapat; \"awal\" Maret");
        await RegisterAsync(KominfoSecretariat, "Kepala Dinas Komunikasi dan Informatika", "2025-04-05T03:00:00Z", "Biasa", "Surat Edaran", "Edaran Kominfo");
        SentLetter = await CreateAsync(Draft());
        await SendAsync(SentLetter);
    }

    private async Task<Guid> RegisterAsync(string secretariat, string to, string receivedAt, string security, string type, string subject)
    {
        using var client = await As(secretariat);
        var response = await client.PostAsJsonAsync("/api/incoming-letters", new
        {
            senderInstitution = "Kementerian Dalam Negeri",
            senderNumber = "000.1/" + receivedAt[..10],
            senderDate = "2025-02-01",
            receivedAt,
            type,
            subject,
            classificationCode = "000",
            security,
            urgency = "Biasa",
            to = new[] { new { positionId = Position(to) } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}

/// <summary>Letter counts and the agenda book: what each role sees, every bad parameter, the files.</summary>
public sealed class ReportTests(ReportFixture f) : IClassFixture<ReportFixture>
{
    private async Task<JsonElement> GetAsync(string user, string path)
    {
        using var client = await f.As(user);
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static long Count(JsonElement list, string key) =>
        list.EnumerateArray().Where(e => e.GetProperty("key").GetString() == key).Select(e => e.GetProperty("count").GetInt64()).SingleOrDefault();

    private long UnitCount(JsonElement report, string code) =>
        report.GetProperty("byUnit").EnumerateArray().Where(e => e.GetProperty("unitId").GetGuid() == f.Units[code])
            .Select(e => e.GetProperty("count").GetInt64()).SingleOrDefault();

    [Fact]
    public async Task The_secretariat_counts_its_agencys_letters_by_type_direction_security_unit_and_month()
    {
        var report = await GetAsync(CorrespondenceFixture.AddresseeSecretariat, "/api/reports/letters?" + ReportFixture.Period);

        Assert.Equal(3, report.GetProperty("total").GetInt64());
        Assert.Equal(2, Count(report.GetProperty("byType"), "Surat Dinas"));
        Assert.Equal(1, Count(report.GetProperty("byType"), "Surat Undangan"));
        Assert.Equal(3, Count(report.GetProperty("byDirection"), "Incoming"));
        Assert.Equal(2, Count(report.GetProperty("bySecurity"), "Biasa"));
        Assert.Equal(1, Count(report.GetProperty("bySecurity"), "Rahasia"));
        Assert.Equal(2, UnitCount(report, "DISDUKCAPIL"));
        Assert.Equal(1, UnitCount(report, "DISDUKCAPIL-DAFDUK-IDP"));
        var months = report.GetProperty("byMonth").EnumerateArray().Select(m => (m.GetProperty("key").GetString(), m.GetProperty("count").GetInt64())).ToList();
        Assert.Equal([("2025-03", 3L), ("2025-04", 0L)], months);
    }

    [Fact]
    public async Task A_head_sees_their_unit_and_the_units_below_it_and_a_unit_filter_narrows()
    {
        var section = await GetAsync(ReportFixture.KasiIdp, "/api/reports/letters?" + ReportFixture.Period);
        var agencyHead = await GetAsync(ReportFixture.KadisDukcapil, "/api/reports/letters?" + ReportFixture.Period);
        var narrowed = await GetAsync(ReportFixture.KadisDukcapil, $"/api/reports/letters?{ReportFixture.Period}&unitId={f.Units["DISDUKCAPIL-DAFDUK"]}");

        Assert.Equal(1, section.GetProperty("total").GetInt64());
        Assert.Equal(3, agencyHead.GetProperty("total").GetInt64());
        Assert.Equal(1, narrowed.GetProperty("total").GetInt64());
        Assert.Equal(1, UnitCount(narrowed, "DISDUKCAPIL-DAFDUK-IDP"));
    }

    [Fact]
    public async Task Letters_sent_inside_the_city_count_as_internal_on_the_day_they_were_sent()
    {
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var report = await GetAsync(CorrespondenceFixture.Signer, $"/api/reports/letters?from={today}&to={today}");

        Assert.Equal(1, report.GetProperty("total").GetInt64());
        Assert.Equal(1, Count(report.GetProperty("byDirection"), "Internal"));
    }

    [Fact]
    public async Task An_admin_counts_the_whole_city_but_never_reads_the_agenda_book()
    {
        var report = await GetAsync(ReportFixture.Admin, "/api/reports/letters?" + ReportFixture.Period);
        using var admin = await f.As(ReportFixture.Admin);
        var agenda = await admin.GetAsync("/api/reports/agenda?" + ReportFixture.Period);

        Assert.Equal(4, report.GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, agenda.StatusCode);
        Assert.Contains("Admin", (await agenda.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/reports/letters")]
    [InlineData("/api/reports/agenda")]
    public async Task Staff_without_a_head_position_or_the_secretariat_role_get_403_in_indonesian(string path)
    {
        using var staff = await f.As(ReportFixture.Staff);

        var response = await staff.GetAsync(path + "?" + ReportFixture.Period);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Laporan hanya untuk", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, HttpStatusCode, string> BadParameters => new()
    {
        { "from=2025-13-01&to=2025-12-31", HttpStatusCode.BadRequest, "from" },
        { "from=01-03-2025", HttpStatusCode.BadRequest, "from" },
        { "from=0001-01-01&to=0001-01-02", HttpStatusCode.BadRequest, "from" },
        { "from=9999-12-30&to=9999-12-31", HttpStatusCode.BadRequest, "to" },
        { "from=2025-03-01&to=kemarin", HttpStatusCode.BadRequest, "to" },
        { "from=2025-04-01&to=2025-03-01", HttpStatusCode.BadRequest, "to" },
        { "from=2015-01-01&to=2025-12-31", HttpStatusCode.BadRequest, "to" },
        { "unitId=bukan-id", HttpStatusCode.BadRequest, "unitId" },
        { "unitId=7d1f0c2e-0000-4000-8000-000000000001", HttpStatusCode.BadRequest, "unitId" },
        { "format=pdf", HttpStatusCode.BadRequest, "format" },
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public async Task Every_bad_parameter_is_a_problem_naming_its_field(string query, HttpStatusCode status, string field)
    {
        using var secretariat = await f.As(CorrespondenceFixture.AddresseeSecretariat);

        foreach (var path in new[] { "/api/reports/agenda", "/api/reports/letters" })
        {
            if (field == "format" && path.EndsWith("letters", StringComparison.Ordinal))
            {
                continue;
            }

            var response = await secretariat.GetAsync(path + "?" + query);
            Assert.Equal(status, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{path}?{query}: {problem}");
        }
    }

    [Fact]
    public async Task A_unit_outside_the_callers_scope_is_403_naming_unitId()
    {
        using var secretariat = await f.As(CorrespondenceFixture.AddresseeSecretariat);
        using var section = await f.As(ReportFixture.KasiIdp);

        var otherAgency = await secretariat.GetAsync($"/api/reports/letters?unitId={f.Units["BKPSDM"]}");
        var above = await section.GetAsync($"/api/reports/agenda?unitId={f.Units["DISDUKCAPIL"]}");

        Assert.Equal(HttpStatusCode.Forbidden, otherAgency.StatusCode);
        Assert.True((await otherAgency.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("unitId", out _));
        Assert.Equal(HttpStatusCode.Forbidden, above.StatusCode);
    }

    [Fact]
    public async Task The_agenda_book_lists_incoming_letters_and_hides_a_secret_subject_from_a_head_it_was_not_addressed_to()
    {
        var head = await GetAsync(ReportFixture.KadisDukcapil, "/api/reports/agenda?" + ReportFixture.Period);
        var addressee = await GetAsync(ReportFixture.KasiIdp, "/api/reports/agenda?" + ReportFixture.Period);

        var entries = head.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal("Kementerian Dalam Negeri", e.GetProperty("senderInstitution").GetString()));
        Assert.Equal("=Rapat; \"awal\" Maret", entries[0].GetProperty("subject").GetString());
        var secret = entries.Single(e => e.GetProperty("letterId").GetGuid() == f.SecretLetter);
        Assert.True(secret.GetProperty("subjectHidden").GetBoolean());
        Assert.Equal(JsonValueKind.Null, secret.GetProperty("subject").ValueKind);
        Assert.Equal("Kepala Seksi Identitas Penduduk", secret.GetProperty("addressedTo").GetString());
        var own = Assert.Single(addressee.GetProperty("entries").EnumerateArray());
        Assert.Equal(ReportFixture.SecretSubject, own.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task The_agenda_book_downloads_as_csv_for_indonesian_excel()
    {
        using var head = await f.As(ReportFixture.KadisDukcapil);

        var response = await head.GetAsync("/api/reports/agenda?" + ReportFixture.Period + "&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("buku-agenda-2025-03-01_2025-04-30.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("No. Agenda;Tanggal Diterima;Asal Surat;Nomor Surat;Tanggal Surat;Perihal;", lines[0], StringComparison.Ordinal);
        // 00:10 WIB on 1 March; the subject quoted (a ; and quotes inside) and kept from running as a formula.
        Assert.Contains(";2025-03-01 00:10;Kementerian Dalam Negeri;000.1/2025-02-28;2025-02-01;\"'=Rapat; \"\"awal\"\" Maret\";Biasa;", lines[1], StringComparison.Ordinal);
        Assert.Contains(";(dirahasiakan);", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_agenda_book_downloads_as_xlsx_that_miniexcel_reads_back()
    {
        using var head = await f.As(ReportFixture.KadisDukcapil);

        var response = await head.GetAsync("/api/reports/agenda?" + ReportFixture.Period + "&format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("buku-agenda-2025-03-01_2025-04-30.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal("Kementerian Dalam Negeri", rows[0]["Asal Surat"]);
        Assert.Equal("=Rapat; \"awal\" Maret", rows[0]["Perihal"]);
        Assert.Equal("(dirahasiakan)", rows[2]["Perihal"]);
        Assert.Equal("Kepala Seksi Identitas Penduduk", rows[2]["Ditujukan Kepada"]);
    }
}
