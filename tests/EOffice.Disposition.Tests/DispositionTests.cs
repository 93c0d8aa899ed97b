using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Disposition.Deadlines;
using EOffice.Disposition.Dispositions;
using EOffice.ServiceDefaults.Data;
using EOffice.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EOffice.Disposition.Tests;

public sealed class DispositionTests(DispositionFixture f) : IClassFixture<DispositionFixture>
{
    private static async Task<JsonElement> Json(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<Guid> DisposeAsync(HttpClient client, string path, Guid to, string instruction = "Untuk ditindaklanjuti", object? dueAt = null)
    {
        var response = await client.PostAsJsonAsync(path, new { to = new[] { to }, instructions = new[] { instruction }, note = "Mohon ditindaklanjuti", dueAt });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json(response)).GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_letter_is_disposed_down_three_levels_followed_up_and_completed_and_the_sender_sees_it_all()
    {
        var letter = await f.ReceiveAsync(f.AgencyHeadPosition);
        using var agency = await f.As(DispositionFixture.AgencyHead);
        using var division = await f.As(DispositionFixture.DivisionHead);
        using var section = await f.As(DispositionFixture.SectionHead);
        using var staff = await f.As(DispositionFixture.Staff);

        var d1 = await DisposeAsync(agency, $"/api/letters/{letter}/dispositions", f.DivisionHeadPosition);
        var d2 = await DisposeAsync(division, $"/api/dispositions/{d1}/forward", f.SectionHeadPosition, "Koordinasikan");
        var d3 = await DisposeAsync(section, $"/api/dispositions/{d2}/forward", f.StaffPosition, "Siapkan jawaban");

        var inbox = await staff.GetFromJsonAsync<JsonElement>("/api/dispositions?box=inbox");
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetGuid() == d3);
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/dispositions/{d3}/follow-ups", new { note = "Data sudah dihimpun" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/dispositions/{d3}/complete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await section.PostAsJsonAsync($"/api/dispositions/{d2}/follow-ups", new { note = "Jawaban disiapkan staf" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await section.PostAsync($"/api/dispositions/{d2}/complete", null)).StatusCode);

        var tree = await agency.GetFromJsonAsync<JsonElement>($"/api/letters/{letter}/dispositions");
        var root = Assert.Single(tree.GetProperty("items").EnumerateArray());
        Assert.Equal(d1, root.GetProperty("id").GetGuid());
        Assert.Equal("InProgress", root.GetProperty("status").GetString()); // forwarded, not yet completed
        var second = Assert.Single(root.GetProperty("children").EnumerateArray());
        Assert.Equal("Completed", second.GetProperty("status").GetString());
        var third = Assert.Single(second.GetProperty("children").EnumerateArray());
        Assert.Equal(d3, third.GetProperty("id").GetGuid());
        Assert.Equal("Completed", third.GetProperty("status").GetString());
        Assert.Equal("Data sudah dihimpun", third.GetProperty("followUps")[0].GetProperty("note").GetString());
        Assert.Equal("Pranata Komputer Ahli Pertama", third.GetProperty("to").GetProperty("title").GetString());

        var sheet = await agency.GetFromJsonAsync<JsonElement>($"/api/letters/{letter}/dispositions/sheet");
        Assert.Equal("AG/7/DISKOMINFO/2026", sheet.GetProperty("letter").GetProperty("agendaNumber").GetString());
        Assert.Equal([0, 1, 2], sheet.GetProperty("dispositions").EnumerateArray().Select(l => l.GetProperty("depth").GetInt32()));
        using var html = new HttpRequestMessage(HttpMethod.Get, $"/api/letters/{letter}/dispositions/sheet");
        html.Headers.Accept.ParseAdd("text/html");
        var page = await agency.SendAsync(html);
        Assert.Contains("LEMBAR DISPOSISI", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(4, await f.ScalarAsync<int>(
            "select count(*)::int from disposition.outbox where payload ->> 'letterId' = @id and exchange in ('eoffice.disposition-completed', 'eoffice.disposition-followed-up')",
            new { id = letter.ToString() }));
    }

    [Fact]
    public async Task Disposing_to_a_non_subordinate_is_403_and_a_letter_never_received_is_404()
    {
        var letter = await f.ReceiveAsync(f.AgencyHeadPosition);
        using var agency = await f.As(DispositionFixture.AgencyHead);
        using var otherAgency = await f.As(DispositionFixture.OtherAgencyHead);
        using var staff = await f.As(DispositionFixture.Staff);

        var sideways = await agency.PostAsJsonAsync($"/api/letters/{letter}/dispositions",
            new { to = new[] { f.Position("Kepala Bidang Mutasi dan Promosi") }, instructions = new[] { "Untuk diketahui" } });
        var upward = await agency.PostAsJsonAsync($"/api/letters/{letter}/dispositions",
            new { to = new[] { f.Position("Sekretaris Daerah") }, instructions = new[] { "Untuk diketahui" } });
        var notReceived = await otherAgency.PostAsJsonAsync($"/api/letters/{letter}/dispositions",
            new { to = new[] { f.Position("Kepala Bidang Mutasi dan Promosi") }, instructions = new[] { "Untuk diketahui" } });
        var byStaff = await staff.GetAsync($"/api/letters/{letter}/dispositions");
        var unknownInstruction = await agency.PostAsJsonAsync($"/api/letters/{letter}/dispositions",
            new { to = new[] { f.DivisionHeadPosition }, instructions = new[] { "Terserah" } });

        Assert.Equal(HttpStatusCode.Forbidden, sideways.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, upward.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notReceived.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byStaff.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownInstruction.StatusCode);
        Assert.True((await Json(unknownInstruction)).GetProperty("errors").TryGetProperty("instructions", out _));
        Assert.Equal(0, await f.ScalarAsync<int>("select count(*)::int from disposition.dispositions where letter_id = @letter", new { letter }));
    }

    [Fact]
    public async Task The_sender_cancels_an_unread_disposition_but_not_a_read_one()
    {
        var letter = await f.ReceiveAsync(f.AgencyHeadPosition);
        using var agency = await f.As(DispositionFixture.AgencyHead);
        using var division = await f.As(DispositionFixture.DivisionHead);
        var unread = await DisposeAsync(agency, $"/api/letters/{letter}/dispositions", f.Position("Kepala Bidang Informasi dan Komunikasi Publik"));
        var read = await DisposeAsync(agency, $"/api/letters/{letter}/dispositions", f.DivisionHeadPosition);

        Assert.Equal(HttpStatusCode.OK, (await division.GetAsync($"/api/dispositions/{read}")).StatusCode);
        var byRecipient = await division.PostAsync($"/api/dispositions/{read}/cancel", null);
        var afterRead = await agency.PostAsync($"/api/dispositions/{read}/cancel", null);
        var beforeRead = await agency.PostAsync($"/api/dispositions/{unread}/cancel", null);

        Assert.Equal(HttpStatusCode.Forbidden, byRecipient.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, afterRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, beforeRead.StatusCode);
        Assert.Equal("Cancelled", (await Json(beforeRead)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Overdue_detection_fires_exactly_once_per_disposition_even_with_two_checkers()
    {
        var letter = await f.ReceiveAsync(f.AgencyHeadPosition);
        using var agency = await f.As(DispositionFixture.AgencyHead);
        var id = await DisposeAsync(agency, $"/api/letters/{letter}/dispositions", f.DivisionHeadPosition, dueAt: DateTimeOffset.UtcNow.AddSeconds(2));

        // Two checkers (two replicas) that already stand past the due date.
        var afterDue = TestClock.Ahead(TimeSpan.FromMinutes(1));
        var one = new OverdueCheck(f.Service.Services.GetRequiredService<Db>(), new DispositionSettings(), afterDue, NullLogger<OverdueCheck>.Instance);
        var two = new OverdueCheck(f.Service.Services.GetRequiredService<Db>(), new DispositionSettings(), afterDue, NullLogger<OverdueCheck>.Instance);
        var marked = await Task.WhenAll(one.RunOnceAsync(CancellationToken.None), two.RunOnceAsync(CancellationToken.None));
        var again = await one.RunOnceAsync(CancellationToken.None);

        Assert.True(marked.Sum() >= 1);
        Assert.Equal(0, again);
        Assert.Equal(1, await f.ScalarAsync<int>(
            "select count(*)::int from disposition.outbox where exchange = 'eoffice.disposition-overdue' and payload ->> 'dispositionId' = @id",
            new { id = id.ToString() }));
        // The list judges by the real clock: the disposition shows there once its due time has passed.
        await Eventually.HoldsAsync(async () =>
        {
            var overdue = await agency.GetFromJsonAsync<JsonElement>("/api/dispositions?box=sent&overdue=true");
            return overdue.GetProperty("items").EnumerateArray().Any(d => d.GetProperty("id").GetGuid() == id && d.GetProperty("overdue").GetBoolean());
        }, "the disposition is listed as overdue");
    }

    [Fact]
    public async Task A_replayed_letter_received_event_has_one_effect()
    {
        var messageId = NewId.NextGuid();
        var letter = await f.ReceiveAsync(f.OtherDivisionHeadPosition(), messageId: messageId);
        await f.Service.Services.GetRequiredService<IBus>().Publish(
            new EOffice.Contracts.LetterReceived(letter, "AG/7/DISKOMINFO/2026", "Diubah?", "Biasa", "Biasa", f.OtherDivisionHeadPosition(),
                Guid.Empty, false, true, "000", new DateOnly(2026, 11, 20), Guid.Empty, DateTimeOffset.UtcNow),
            ctx => ctx.MessageId = messageId);
        var marker = await f.ReceiveAsync(f.OtherDivisionHeadPosition());

        Assert.NotEqual(letter, marker);
        Assert.Equal(1, await f.ScalarAsync<int>("select count(*)::int from disposition.inbox where message_id = @messageId", new { messageId }));
        Assert.Equal("Permintaan data implementasi SPBE", await f.ScalarAsync<string>(
            "select subject from disposition.letter_receipts where letter_id = @letter", new { letter }));
    }

    [Theory]
    [InlineData("SangatSegera", "2026-11-27T03:00:00Z", "2026-11-27T23:59:59.9999999+07:00")]
    [InlineData("Segera", "2026-11-27T03:00:00Z", "2026-11-28T03:00:00Z")]
    [InlineData("Biasa", "2026-11-27T03:00:00Z", "2026-12-04T23:59:59.9999999+07:00")]
    public void Due_dates_default_from_the_letters_urgency_in_working_days(string urgency, string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            DispositionRules.DefaultDue(urgency, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), 5));
}

internal static class FixtureExtensions
{
    public static Guid OtherDivisionHeadPosition(this DispositionFixture f) => f.Position("Kepala Bidang Informasi dan Komunikasi Publik");
}
