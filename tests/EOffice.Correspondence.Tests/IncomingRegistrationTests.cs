using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Correspondence.Tests;

/// <summary>A secretariat registers incoming letters only for its own agency, with a sane date of receipt.</summary>
public sealed class IncomingRegistrationTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    private object Incoming(Guid? position = null, Guid? unit = null, Guid? cc = null, string senderDate = "2026-11-20",
        string? receivedAt = "2026-11-23T08:15:00Z") => new
        {
            senderInstitution = "Kementerian Dalam Negeri",
            senderNumber = "000.1/4521/SJ",
            senderDate,
            receivedAt,
            subject = "Permintaan data kependudukan",
            summary = "Permintaan data",
            classificationCode = "000",
            security = "Biasa",
            urgency = "Biasa",
            to = new[] { unit is null ? new { positionId = (Guid?)(position ?? f.Position("Kepala Dinas Kependudukan dan Pencatatan Sipil")), unitId = (Guid?)null } : new { positionId = (Guid?)null, unitId = unit } },
            cc = cc is null ? Array.Empty<object>() : new object[] { new { positionId = cc } },
        };

    private static async Task<JsonElement> Problem(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_secretariat_registers_for_any_unit_of_its_own_agency()
    {
        using var secretariat = await f.As(CorrespondenceFixture.AddresseeSecretariat);

        var head = await secretariat.PostAsJsonAsync("/api/incoming-letters", Incoming());
        var section = await secretariat.PostAsJsonAsync("/api/incoming-letters", Incoming(f.Position("Kepala Seksi Identitas Penduduk")));
        var unit = await secretariat.PostAsJsonAsync("/api/incoming-letters", Incoming(unit: f.Units["DISDUKCAPIL-DAFDUK"]));

        Assert.Equal(HttpStatusCode.Created, head.StatusCode);
        Assert.Equal(HttpStatusCode.Created, section.StatusCode);
        Assert.Equal(HttpStatusCode.Created, unit.StatusCode);
    }

    [Fact]
    public async Task A_secretariat_cannot_register_into_another_agencys_agenda()
    {
        using var secretariat = await f.As(CorrespondenceFixture.AddresseeSecretariat);
        var before = await f.ScalarAsync<long>("select count(*) from correspondence.letters where direction = 'Incoming'");

        var position = await secretariat.PostAsJsonAsync("/api/incoming-letters", Incoming(f.Position("Kepala Dinas Komunikasi dan Informatika")));
        var unit = await secretariat.PostAsJsonAsync("/api/incoming-letters", Incoming(unit: f.Units["BKPSDM"]));
        var cc = await secretariat.PostAsJsonAsync("/api/incoming-letters", Incoming(cc: f.Position("Sekretaris Daerah")));

        Assert.Equal(HttpStatusCode.Forbidden, position.StatusCode);
        Assert.True((await Problem(position)).GetProperty("errors").TryGetProperty("to[0]", out _));
        Assert.Equal(HttpStatusCode.Forbidden, unit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cc.StatusCode);
        Assert.True((await Problem(cc)).GetProperty("errors").TryGetProperty("cc[0]", out _));
        Assert.Equal(before, await f.ScalarAsync<long>("select count(*) from correspondence.letters where direction = 'Incoming'"));
    }

    [Fact]
    public async Task An_admin_without_the_secretariat_role_cannot_register()
    {
        using var admin = await f.As("admin@eoffice.local");

        var response = await admin.PostAsJsonAsync("/api/incoming-letters", Incoming(f.Position("Kepala Bidang Aplikasi Informatika")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public static TheoryData<string, string> InsaneReceipts => new()
    {
        { "2026-11-20", "0001-01-01T00:00:00Z" },
        { "2026-11-20", DateTimeOffset.UtcNow.AddHours(2).ToString("O") },
        { "2026-11-20", DateTimeOffset.UtcNow.AddDays(30).ToString("O") },
        // 23:00 WIB on the 19th: the day before the letter's date.
        { "2026-11-20", "2026-11-19T16:00:00Z" },
        { "2026-11-20", "2026-11-19T23:30:00+07:00" },
    };

    [Theory]
    [MemberData(nameof(InsaneReceipts))]
    public async Task A_received_at_that_is_a_default_in_the_future_or_before_the_letters_date_is_a_400(string senderDate, string receivedAt)
    {
        using var secretariat = await f.As(CorrespondenceFixture.AddresseeSecretariat);

        var response = await secretariat.PostAsJsonAsync("/api/incoming-letters", Incoming(senderDate: senderDate, receivedAt: receivedAt));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Problem(response)).GetProperty("errors").TryGetProperty("receivedAt", out _));
    }

    [Theory]
    // 00:30 WIB on the letter's own date.
    [InlineData("2026-11-20", "2026-11-19T17:30:00Z")]
    [InlineData("2026-11-20", "2026-11-20T09:00:00+07:00")]
    public async Task A_letter_received_on_its_own_date_in_WIB_registers(string senderDate, string receivedAt)
    {
        using var secretariat = await f.As(CorrespondenceFixture.AddresseeSecretariat);

        var response = await secretariat.PostAsJsonAsync("/api/incoming-letters", Incoming(senderDate: senderDate, receivedAt: receivedAt));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
