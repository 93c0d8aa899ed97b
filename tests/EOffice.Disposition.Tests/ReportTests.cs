using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Disposition.Tests;

/// <summary>
/// The disposition report. Scenario (today): Kominfo's head disposes a Biasa letter to the Aptika division (completed
/// in time) and to the IKP division (left open past its due time), and a Rahasia letter to Aptika (completed late).
/// </summary>
public sealed class ReportTests(DispositionFixture f) : IClassFixture<DispositionFixture>
{
    private const string Secretariat = "putri.anggraini@eoffice.local";
    private const string Admin = "admin@eoffice.local";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Guid _overdue;

    private static string Today => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Period => $"from={Today}&to={Today}";

    private async Task ScenarioAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_overdue != Guid.Empty)
            {
                return;
            }

            using var head = await f.As(DispositionFixture.AgencyHead);
            using var division = await f.As(DispositionFixture.DivisionHead);
            var open = await f.ReceiveAsync(f.AgencyHeadPosition);
            var secret = await f.ReceiveAsync(f.AgencyHeadPosition, security: "Rahasia");
            var onTime = await DisposeAsync(head, open, f.DivisionHeadPosition);
            _ = await DisposeAsync(head, open, f.Position("Kepala Bidang Informasi dan Komunikasi Publik"));
            var late = await DisposeAsync(head, secret, f.DivisionHeadPosition);
            Assert.Equal(HttpStatusCode.OK, (await division.PostAsync($"/api/dispositions/{onTime}/complete", null)).StatusCode);
            await f.ScalarAsync<long>("with u as (update disposition.dispositions set due_at = now() - interval '1 hour' where id = @late returning 1) select count(*) from u", new { late });
            Assert.Equal(HttpStatusCode.OK, (await division.PostAsync($"/api/dispositions/{late}/complete", null)).StatusCode);
            _overdue = await f.ScalarAsync<Guid>(
                """
                update disposition.dispositions set due_at = now() - interval '2 hours'
                where letter_id = @open and to_position_id = @ikp returning id
                """, new { open, ikp = f.Position("Kepala Bidang Informasi dan Komunikasi Publik") });
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Guid> DisposeAsync(HttpClient head, Guid letter, Guid to)
    {
        var response = await head.PostAsJsonAsync($"/api/letters/{letter}/dispositions", new { to = new[] { to }, instructions = new[] { "Untuk ditindaklanjuti" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> GetAsync(string user, string query)
    {
        await ScenarioAsync();
        using var client = await f.As(user);
        var response = await client.GetAsync("/api/reports/dispositions?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private JsonElement? Unit(JsonElement report, string code) =>
        report.GetProperty("units").EnumerateArray().Where(u => u.GetProperty("unitId").GetGuid() == f.Units[code]).Cast<JsonElement?>().SingleOrDefault();

    [Fact]
    public async Task The_agency_head_sees_open_completed_overdue_late_and_median_per_unit()
    {
        var report = await GetAsync(DispositionFixture.AgencyHead, Period);

        var aptika = Unit(report, "DISKOMINFO-APTIKA")!.Value;
        Assert.Equal(0, aptika.GetProperty("open").GetInt64());
        Assert.Equal(2, aptika.GetProperty("completed").GetInt64());
        Assert.Equal(1, aptika.GetProperty("completedLate").GetInt64());
        Assert.InRange(aptika.GetProperty("medianHours").GetDouble(), 0, 1);
        var ikp = Unit(report, "DISKOMINFO-IKP")!.Value;
        Assert.Equal(1, ikp.GetProperty("open").GetInt64());
        Assert.Equal(1, ikp.GetProperty("overdue").GetInt64());
        Assert.Equal(JsonValueKind.Null, ikp.GetProperty("medianHours").ValueKind);
        var total = report.GetProperty("total");
        Assert.Equal((1, 2, 1, 1), (total.GetProperty("open").GetInt64(), total.GetProperty("completed").GetInt64(), total.GetProperty("overdue").GetInt64(),
            total.GetProperty("completedLate").GetInt64()));
        Assert.Equal(JsonValueKind.Null, report.GetProperty("overdue").ValueKind);
    }

    [Fact]
    public async Task The_drill_down_lists_the_overdue_ones_with_the_letter()
    {
        var report = await GetAsync(DispositionFixture.AgencyHead, Period + "&overdue=true");

        var item = Assert.Single(report.GetProperty("overdue").EnumerateArray());
        Assert.Equal(_overdue, item.GetProperty("id").GetGuid());
        Assert.Equal("Permintaan data implementasi SPBE", item.GetProperty("subject").GetString());
        Assert.Equal("AG/7/DISKOMINFO/2026", item.GetProperty("agendaNumber").GetString());
        Assert.Equal("Kepala Bidang Informasi dan Komunikasi Publik", item.GetProperty("toTitle").GetString());
        Assert.True(item.GetProperty("hoursOverdue").GetDouble() >= 1.9);
    }

    [Fact]
    public async Task A_division_head_sees_only_their_division_and_the_secretariat_its_agency()
    {
        var division = await GetAsync(DispositionFixture.DivisionHead, Period);
        var secretariat = await GetAsync(Secretariat, Period);
        var otherAgency = await GetAsync(DispositionFixture.OtherAgencyHead, Period);
        var narrowed = await GetAsync(DispositionFixture.AgencyHead, $"{Period}&unitId={f.Units["DISKOMINFO-IKP"]}");

        Assert.Null(Unit(division, "DISKOMINFO-IKP"));
        Assert.Equal(2, division.GetProperty("total").GetProperty("completed").GetInt64());
        Assert.Equal(1, secretariat.GetProperty("total").GetProperty("overdue").GetInt64());
        Assert.Equal(2, secretariat.GetProperty("total").GetProperty("completed").GetInt64());
        Assert.Equal(0, otherAgency.GetProperty("total").GetProperty("completed").GetInt64());
        Assert.Equal(0, narrowed.GetProperty("total").GetProperty("completed").GetInt64());
        Assert.Equal(1, narrowed.GetProperty("total").GetProperty("open").GetInt64());
    }

    [Fact]
    public async Task An_admin_sees_the_counts_but_not_the_overdue_letters_and_staff_nothing()
    {
        var counts = await GetAsync(Admin, Period);
        using var admin = await f.As(Admin);
        using var staff = await f.As(DispositionFixture.Staff);

        var list = await admin.GetAsync("/api/reports/dispositions?" + Period + "&overdue=true");
        var none = await staff.GetAsync("/api/reports/dispositions?" + Period);

        Assert.Equal(1, counts.GetProperty("total").GetProperty("overdue").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        Assert.Contains("Laporan hanya untuk", (await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=2026-02-30", HttpStatusCode.BadRequest, "from")]
    [InlineData("from=2026-03-01&to=2026-02-01", HttpStatusCode.BadRequest, "to")]
    [InlineData("to=31/12/2026", HttpStatusCode.BadRequest, "to")]
    [InlineData("unitId=123", HttpStatusCode.BadRequest, "unitId")]
    [InlineData("unitId=7d1f0c2e-0000-4000-8000-000000000001", HttpStatusCode.BadRequest, "unitId")]
    [InlineData("overdue=mungkin", HttpStatusCode.BadRequest, "overdue")]
    public async Task Every_bad_parameter_is_a_problem_naming_its_field(string query, HttpStatusCode status, string field)
    {
        using var head = await f.As(DispositionFixture.AgencyHead);

        var response = await head.GetAsync("/api/reports/dispositions?" + query);

        Assert.Equal(status, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_unit_outside_the_scope_is_403_naming_unitId()
    {
        using var division = await f.As(DispositionFixture.DivisionHead);

        var response = await division.GetAsync($"/api/reports/dispositions?unitId={f.Units["DISKOMINFO-IKP"]}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("unitId", out _));
    }
}
