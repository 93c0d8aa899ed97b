using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Disposition.Dispositions;
using EOffice.Testing;

namespace EOffice.Disposition.Tests;

/// <summary>What a city's trial week broke in dispositions, each through the API.</summary>
public sealed class TrialWeekTests(DispositionFixture f) : IClassFixture<DispositionFixture>
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    private static async Task<JsonElement> Json(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    private static Task<HttpResponseMessage> PostDispose(HttpClient client, string path, Guid to, string? dueAt = null) =>
        client.PostAsJsonAsync(path, new { to = new[] { to }, instructions = new[] { "Untuk ditindaklanjuti" }, note = "Mohon ditindaklanjuti", dueAt });

    private static async Task<Guid> Dispose(HttpClient client, string path, Guid to, string? dueAt = null)
    {
        var response = await PostDispose(client, path, to, dueAt);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await Json(response)).GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    private static DateOnly TodayWib => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Wib).DateTime);

    public static TheoryData<string, string> UrgencyAndDue()
    {
        var data = new TheoryData<string, string>();
        foreach (var urgency in new[] { "Biasa", "Segera", "SangatSegera" })
        {
            foreach (var due in new[] { "none", "Z", "+07:00", "-05:00", "+09:30", "date", "local" })
            {
                data.Add(urgency, due);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UrgencyAndDue))]
    public async Task A_letter_of_every_urgency_is_disposed_with_or_without_a_due_date_in_any_offset(string urgency, string due)
    {
        var letter = await f.ReceiveAsync(f.AgencyHeadPosition, urgency);
        using var agency = await f.As(DispositionFixture.AgencyHead);
        var day = TodayWib.AddDays(10);
        var d = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (text, expected) = due switch
        {
            "none" => ((string?)null, (DateTimeOffset?)null),
            "date" => (d, new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59)), Wib).AddTicks(TimeSpan.TicksPerSecond - 10)),
            "local" => ($"{d}T16:00:00", new DateTimeOffset(day.ToDateTime(new TimeOnly(16, 0)), Wib)),
            "Z" => ($"{d}T16:00:00Z", new DateTimeOffset(day.ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero)),
            _ => ($"{d}T16:00:00{due}", DateTimeOffset.Parse($"{d}T16:00:00{due}", CultureInfo.InvariantCulture)),
        };

        var response = await PostDispose(agency, $"/api/letters/{letter}/dispositions", f.DivisionHeadPosition, text);

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{urgency}/{due}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var stored = (await Json(response)).GetProperty("items")[0].GetProperty("dueAt").GetDateTimeOffset();
        if (expected is { } e)
        {
            Assert.Equal(e, stored);
        }
        else
        {
            var now = DateTimeOffset.UtcNow;
            Assert.True(stored > now, $"default due {stored:O} is in the future");
            if (urgency == "SangatSegera")
            {
                Assert.Equal(TodayWib, DateOnly.FromDateTime(stored.ToOffset(Wib).DateTime));
                var local = stored.ToOffset(Wib);
                Assert.Equal((23, 59, 59), (local.Hour, local.Minute, local.Second));
            }
            else if (urgency == "Segera")
            {
                Assert.InRange(stored, now.AddHours(23), now.AddHours(24).AddMinutes(1));
            }
            else
            {
                Assert.True(stored.ToOffset(Wib).DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday);
                Assert.True(stored > now.AddDays(4), "five working days ahead");
            }
        }
    }

    [Theory]
    [InlineData("next tuesday")]
    [InlineData("2026-13-40")]
    [InlineData("12/30/2026")]
    public async Task An_unreadable_due_date_is_a_400_naming_the_field(string dueAt)
    {
        var letter = await f.ReceiveAsync(f.AgencyHeadPosition, "Biasa");
        using var agency = await f.As(DispositionFixture.AgencyHead);

        var response = await PostDispose(agency, $"/api/letters/{letter}/dispositions", f.DivisionHeadPosition, dueAt);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("dueAt", out _));
        Assert.Equal(0, await f.ScalarAsync<int>("select count(*)::int from disposition.dispositions where letter_id = @letter", new { letter }));
    }

    [Fact]
    public async Task Each_person_sees_only_the_branches_they_are_on_in_the_tree_the_sheet_and_by_id()
    {
        var letter = await f.ReceiveAsync(f.AgencyHeadPosition);
        using var agency = await f.As(DispositionFixture.AgencyHead);
        using var aptika = await f.As(DispositionFixture.DivisionHead);
        using var ikp = await f.As(DispositionFixture.OtherDivisionHead);
        using var section = await f.As(DispositionFixture.SectionHead);
        var toAptika = await Dispose(agency, $"/api/letters/{letter}/dispositions", f.DivisionHeadPosition);
        var toIkp = await Dispose(agency, $"/api/letters/{letter}/dispositions", f.Position("Kepala Bidang Informasi dan Komunikasi Publik"));
        var toSection = await Dispose(aptika, $"/api/dispositions/{toAptika}/forward", f.SectionHeadPosition);

        static IEnumerable<Guid> Ids(JsonElement nodes) =>
            nodes.EnumerateArray().SelectMany(n => Ids(n.GetProperty("children")).Prepend(n.GetProperty("id").GetGuid()));
        async Task<HashSet<Guid>> TreeOf(HttpClient c) => [.. Ids((await c.GetFromJsonAsync<JsonElement>($"/api/letters/{letter}/dispositions")).GetProperty("items"))];

        Assert.Equal([toAptika, toIkp, toSection], await TreeOf(agency));
        Assert.Equal([toAptika, toSection], await TreeOf(aptika));
        Assert.Equal([toIkp], await TreeOf(ikp));
        Assert.Equal([toAptika, toSection], await TreeOf(section));

        var ikpSheet = await ikp.GetFromJsonAsync<JsonElement>($"/api/letters/{letter}/dispositions/sheet");
        Assert.Equal(["Kepala Bidang Informasi dan Komunikasi Publik"], ikpSheet.GetProperty("dispositions").EnumerateArray().Select(l => l.GetProperty("to").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await ikp.GetAsync($"/api/dispositions/{toSection}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ikp.GetAsync($"/api/dispositions/{toAptika}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await section.GetAsync($"/api/dispositions/{toAptika}")).StatusCode);
    }

    [Fact]
    public async Task A_forwarded_disposition_is_due_no_later_than_its_parent_and_a_parent_with_open_children_cannot_be_completed()
    {
        var letter = await f.ReceiveAsync(f.AgencyHeadPosition, "Biasa");
        using var agency = await f.As(DispositionFixture.AgencyHead);
        using var aptika = await f.As(DispositionFixture.DivisionHead);
        using var section = await f.As(DispositionFixture.SectionHead);
        var parentDue = TodayWib.AddDays(3);
        var parent = await Dispose(agency, $"/api/letters/{letter}/dispositions", f.DivisionHeadPosition, parentDue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var tooLate = await PostDispose(aptika, $"/api/dispositions/{parent}/forward", f.SectionHeadPosition,
            parentDue.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.BadRequest, tooLate.StatusCode);
        Assert.True((await Json(tooLate)).GetProperty("errors").TryGetProperty("dueAt", out _));

        // Without a due date, a Biasa letter's default (five working days) is capped at the parent's.
        var child = await Dispose(aptika, $"/api/dispositions/{parent}/forward", f.SectionHeadPosition);
        var childView = await aptika.GetFromJsonAsync<JsonElement>($"/api/dispositions/{child}");
        var parentView = await aptika.GetFromJsonAsync<JsonElement>($"/api/dispositions/{parent}");
        Assert.True(childView.GetProperty("dueAt").GetDateTimeOffset() <= parentView.GetProperty("dueAt").GetDateTimeOffset());

        var blocked = await aptika.PostAsync($"/api/dispositions/{parent}/complete", null);
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        var problem = await Json(blocked);
        Assert.Equal([child.ToString()], problem.GetProperty("errors").GetProperty("openDispositions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("InProgress", (await aptika.GetFromJsonAsync<JsonElement>($"/api/dispositions/{parent}")).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await section.PostAsync($"/api/dispositions/{child}/complete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await aptika.PostAsync($"/api/dispositions/{parent}/complete", null)).StatusCode);
    }

    [Fact]
    public async Task Completion_after_the_due_time_is_kept_as_late()
    {
        var letter = await f.ReceiveAsync(f.AgencyHeadPosition);
        using var agency = await f.As(DispositionFixture.AgencyHead);
        using var aptika = await f.As(DispositionFixture.DivisionHead);
        var onTime = await Dispose(agency, $"/api/letters/{letter}/dispositions", f.DivisionHeadPosition);
        var letter2 = await f.ReceiveAsync(f.AgencyHeadPosition);
        var overdue = await Dispose(agency, $"/api/letters/{letter2}/dispositions", f.DivisionHeadPosition);
        await f.ScalarAsync<int>("update disposition.dispositions set due_at = now() - interval '2 hours' where id = @overdue returning 1", new { overdue });

        var a = await Json(await aptika.PostAsync($"/api/dispositions/{onTime}/complete", null));
        var b = await Json(await aptika.PostAsync($"/api/dispositions/{overdue}/complete", null));

        Assert.False(a.GetProperty("late").GetBoolean());
        Assert.True(b.GetProperty("late").GetBoolean());
        Assert.True(await f.ScalarAsync<bool>(
            "select (payload ->> 'late')::boolean from disposition.outbox where exchange = 'eoffice.disposition-completed' and payload ->> 'dispositionId' = @id",
            new { id = overdue.ToString() }));
    }

    [Fact]
    public async Task The_printable_sheet_shows_the_senders_number_and_date_in_Indonesian_and_leaves_cancelled_rows_out()
    {
        var letter = await f.ReceiveAsync(f.AgencyHeadPosition, "SangatSegera");
        using var agency = await f.As(DispositionFixture.AgencyHead);
        await Dispose(agency, $"/api/letters/{letter}/dispositions", f.DivisionHeadPosition);
        var cancelled = await Dispose(agency, $"/api/letters/{letter}/dispositions", f.Position("Kepala Bidang Informasi dan Komunikasi Publik"));
        Assert.Equal(HttpStatusCode.OK, (await agency.PostAsync($"/api/dispositions/{cancelled}/cancel", null)).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/letters/{letter}/dispositions/sheet");
        request.Headers.Accept.ParseAdd("text/html");
        var page = await (await agency.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("<th>Nomor surat</th><td>400.10.2/1187/BPD</td>", page, StringComparison.Ordinal);
        Assert.Contains("<th>Nomor agenda</th><td>AG/7/DISKOMINFO/2026</td>", page, StringComparison.Ordinal);
        Assert.Contains("20 November 2026", page, StringComparison.Ordinal);
        Assert.Contains("23 November 2026 08.15 WIB", page, StringComparison.Ordinal); // received 01:15 UTC
        Assert.Contains("Sangat Segera", page, StringComparison.Ordinal);
        Assert.Contains("Belum dibaca", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Kepala Bidang Informasi dan Komunikasi Publik", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Open", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{1,2}/\d{1,2}/\d{4}", page);
        var json = await agency.GetFromJsonAsync<JsonElement>($"/api/letters/{letter}/dispositions/sheet");
        Assert.Single(json.GetProperty("dispositions").EnumerateArray());
        Assert.Equal("400.10.2/1187/BPD", json.GetProperty("letter").GetProperty("senderNumber").GetString());
    }

    [Fact]
    public async Task An_acting_holder_disposes_as_Plt_on_the_disposition_and_the_sheet()
    {
        var vacant = f.Position("Sekretaris Dinas Kependudukan dan Pencatatan Sipil");
        var letter = await f.ReceiveAsync(vacant);
        using var plt = await f.As("wahyuni.pratiwi@eoffice.local");

        var id = await Dispose(plt, $"/api/letters/{letter}/dispositions", f.Position("Pengadministrasi Persuratan Dinas Dukcapil"));

        var view = await plt.GetFromJsonAsync<JsonElement>($"/api/dispositions/{id}");
        Assert.Equal("Plt. Sekretaris Dinas Kependudukan dan Pencatatan Sipil", view.GetProperty("fromAs").GetString());
        var sheet = await plt.GetFromJsonAsync<JsonElement>($"/api/letters/{letter}/dispositions/sheet");
        Assert.Equal("Plt. Sekretaris Dinas Kependudukan dan Pencatatan Sipil", sheet.GetProperty("dispositions")[0].GetProperty("fromAs").GetString());
    }

    [Fact]
    public async Task Lists_carry_the_letters_number_subject_and_sender_and_instructions_are_a_page()
    {
        var letter = await f.ReceiveAsync(f.AgencyHeadPosition);
        using var agency = await f.As(DispositionFixture.AgencyHead);
        using var aptika = await f.As(DispositionFixture.DivisionHead);
        var id = await Dispose(agency, $"/api/letters/{letter}/dispositions", f.DivisionHeadPosition);

        var inbox = await aptika.GetFromJsonAsync<JsonElement>($"/api/dispositions?box=inbox&letterId={letter}");
        var row = Assert.Single(inbox.GetProperty("items").EnumerateArray());
        Assert.Equal(id, row.GetProperty("id").GetGuid());
        var l = row.GetProperty("letter");
        Assert.Equal("AG/7/DISKOMINFO/2026", l.GetProperty("number").GetString());
        Assert.Equal("400.10.2/1187/BPD", l.GetProperty("senderNumber").GetString());
        Assert.Equal("Permintaan data implementasi SPBE", l.GetProperty("subject").GetString());
        Assert.Equal("Kementerian Dalam Negeri", l.GetProperty("sender").GetString());

        var instructions = await aptika.GetFromJsonAsync<JsonElement>("/api/disposition-instructions");
        Assert.Equal(JsonValueKind.Object, instructions.ValueKind);
        Assert.True(instructions.GetProperty("items").GetArrayLength() >= 8);
        Assert.Equal(JsonValueKind.Null, instructions.GetProperty("next").ValueKind);
    }

    [Theory]
    [InlineData("2026-12-30", "2026-12-30T16:59:59.999999Z")]
    [InlineData("2026-12-30T16:00:00+07:00", "2026-12-30T09:00:00Z")]
    [InlineData("2026-12-30T16:00:00", "2026-12-30T09:00:00Z")]
    [InlineData("2026-12-30T16:00:00Z", "2026-12-30T16:00:00Z")]
    [InlineData("2026-12-30T16:00:00-05:00", "2026-12-30T21:00:00Z")]
    public void Due_dates_are_read_as_people_write_them(string text, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture), DispositionRules.ParseDue(text));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_Terbatas_letter_is_named_on_lists_from_the_internal_content_event_in_either_order(bool contentFirst)
    {
        var letter = Guid.CreateVersion7();
        var content = new EOffice.Contracts.LetterContent(letter, "Terbatas", "Rencana anggaran pusat data", "Ringkasan", "Isi surat", DateTimeOffset.UtcNow);
        if (contentFirst)
        {
            await f.PublishAsync(content);
            await Eventually.HoldsAsync(async () => await f.ScalarAsync<int>(
                "select count(*)::int from disposition.letter_subjects where letter_id = @letter", new { letter }) == 1, "the content was kept");
        }

        await f.ReceiveAsync(f.AgencyHeadPosition, letterId: letter, security: "Terbatas");
        if (!contentFirst)
        {
            await f.PublishAsync(content);
        }

        using var agency = await f.As(DispositionFixture.AgencyHead);
        using var aptika = await f.As(DispositionFixture.DivisionHead);
        await Dispose(agency, $"/api/letters/{letter}/dispositions", f.DivisionHeadPosition);
        await Eventually.HoldsAsync(async () =>
        {
            var row = (await aptika.GetFromJsonAsync<JsonElement>($"/api/dispositions?box=inbox&letterId={letter}")).GetProperty("items")[0];
            return row.GetProperty("letter").GetProperty("subject").GetString() == "Rencana anggaran pusat data";
        }, "the disposition names the letter");
    }
}
