using System.Net;
using System.Text.Json;
using EOffice.Testing;

namespace EOffice.EndToEnd.Tests;

/// <summary>
/// Disposition's "done when" scenario through the gateway only: an incoming letter registered by the
/// secretariat for an agency head is disposed to a division head, forwarded to a section head,
/// followed up and completed; each step shows in the letter's tree and in Correspondence's
/// timeline; an overdue disposition is flagged.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DispositionScenarioTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_incoming_letter_is_routed_two_levels_down_followed_up_completed_and_tracked()
    {
        using var admin = platform.As(await platform.LoginAsync("admin@eoffice.local"));
        var positions = await admin.PositionsByTitleAsync();
        using var secretariat = platform.As(await platform.LoginAsync("putri.anggraini@eoffice.local"));
        using var head = platform.As(await platform.LoginAsync("hendra.gunawan@eoffice.local"));
        using var division = platform.As(await platform.LoginAsync("sri.lestari@eoffice.local"));
        using var section = platform.As(await platform.LoginAsync("teguh.prasetyo@eoffice.local"));

        var registered = await secretariat.PostJsonAsync("/api/incoming-letters", new
        {
            senderInstitution = "Kementerian Komunikasi dan Digital",
            senderNumber = "B-1234/M.KOMDIGI/2026",
            senderDate = "2026-11-20",
            receivedAt = DateTimeOffset.UtcNow,
            subject = "Permintaan laporan keterbukaan informasi publik",
            summary = "Laporan tahunan PPID",
            classificationCode = "000.1",
            security = "Biasa",
            urgency = "Segera",
            to = new[] { new { positionId = positions["Kepala Dinas Komunikasi dan Informatika"] } },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var letter = (await registered.ReadJsonAsync()).GetProperty("id").GetGuid();

        // Disposition learns of the letter from the broker, so the head may have to wait a moment.
        JsonElement created = default;
        await Eventually.HoldsAsync(async () =>
        {
            var response = await head.PostJsonAsync($"/api/letters/{letter}/dispositions", new
            {
                to = new[] { positions["Kepala Bidang Informasi dan Komunikasi Publik"] },
                instructions = new[] { "Untuk ditindaklanjuti" },
                note = "Siapkan laporannya",
            });
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return false;
            }

            created = await response.ReadJsonAsync();
            return true;
        }, "the agency head can dispose the registered letter", TimeSpan.FromSeconds(20));
        var d1 = created.GetProperty("items")[0].GetProperty("id").GetGuid();

        var forwarded = await division.PostJsonAsync($"/api/dispositions/{d1}/forward", new
        {
            to = new[] { positions["Kepala Seksi Pengelolaan Informasi Publik"] },
            instructions = new[] { "Siapkan jawaban" },
        });
        Assert.Equal(HttpStatusCode.Created, forwarded.StatusCode);
        var d2 = (await forwarded.ReadJsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await section.PostJsonAsync($"/api/dispositions/{d2}/follow-ups", new { note = "Laporan PPID sudah dikirim" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await section.PostJsonAsync($"/api/dispositions/{d2}/complete", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await division.PostJsonAsync($"/api/dispositions/{d1}/complete", new { })).StatusCode);

        var tree = (await head.GetJsonAsync($"/api/letters/{letter}/dispositions")).GetProperty("items");
        var root = Assert.Single(tree.EnumerateArray());
        Assert.Equal("Completed", root.Text("status"));
        var child = Assert.Single(root.GetProperty("children").EnumerateArray());
        Assert.Equal("Completed", child.Text("status"));
        Assert.Equal("Laporan PPID sudah dikirim", child.GetProperty("followUps")[0].Text("note"));

        string[] expected = ["registered", "delivered", "disposed", "disposed", "disposition-followed-up", "disposition-completed", "disposition-completed"];
        await Eventually.HoldsAsync(async () =>
        {
            var actions = (await head.GetJsonAsync($"/api/letters/{letter}/timeline")).GetProperty("items").EnumerateArray()
                .Select(e => e.Text("action")).ToList();
            return expected.All(a => actions.Count(x => x == a) >= expected.Count(y => y == a));
        }, "every disposition step is on the letter's timeline");

        // A disposition due in two seconds is flagged overdue by the deadline check, for the sender too.
        var urgent = await head.PostJsonAsync($"/api/letters/{letter}/dispositions", new
        {
            to = new[] { positions["Kepala Bidang Aplikasi Informatika"] },
            instructions = new[] { "Untuk diketahui" },
            dueAt = DateTimeOffset.UtcNow.AddSeconds(2),
        });
        Assert.Equal(HttpStatusCode.Created, urgent.StatusCode);
        var late = (await urgent.ReadJsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
        await Eventually.HoldsAsync(async () =>
            (await head.GetJsonAsync("/api/dispositions?box=sent&overdue=true")).GetProperty("items").EnumerateArray()
                .Any(d => d.GetProperty("id").GetGuid() == late)
            && (await head.GetJsonAsync($"/api/letters/{letter}/timeline")).GetProperty("items").EnumerateArray()
                .Any(e => e.Text("action") == "disposition-overdue"),
            "the late disposition is flagged overdue and on the timeline", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_secret_letter_is_read_by_the_one_it_is_disposed_to_and_its_sheet_names_the_subject_for_them()
    {
        using var admin = platform.As(await platform.LoginAsync("admin@eoffice.local"));
        var positions = await admin.PositionsByTitleAsync();
        using var secretariat = platform.As(await platform.LoginAsync("putri.anggraini@eoffice.local"));
        using var head = platform.As(await platform.LoginAsync("hendra.gunawan@eoffice.local"));
        using var division = platform.As(await platform.LoginAsync("yusuf.maulana@eoffice.local"));
        using var stranger = platform.As(await platform.LoginAsync("dimas.aditya@eoffice.local"));
        const string Subject = "Hasil audit keamanan pusat data kota";

        var registered = await secretariat.PostJsonAsync("/api/incoming-letters", new
        {
            senderInstitution = "Badan Siber dan Sandi Negara",
            senderNumber = "R-77/BSSN/D3/2026",
            senderDate = "2026-11-20",
            receivedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            subject = Subject,
            summary = "Temuan audit",
            classificationCode = "000.1",
            security = "Rahasia",
            urgency = "Biasa",
            to = new[] { new { positionId = positions["Kepala Dinas Komunikasi dan Informatika"] } },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var letter = (await registered.ReadJsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await division.GetAsync($"/api/letters/{letter}")).StatusCode);

        await Eventually.HoldsAsync(async () => (await head.PostJsonAsync($"/api/letters/{letter}/dispositions", new
        {
            to = new[] { positions["Kepala Bidang Aplikasi Informatika"] },
            instructions = new[] { "Untuk ditindaklanjuti" },
            dueAt = "2027-01-08",
        })).StatusCode == HttpStatusCode.Created, "the head disposes the secret letter", TimeSpan.FromSeconds(20));

        await Eventually.HoldsAsync(async () => (await division.GetAsync($"/api/letters/{letter}")).StatusCode == HttpStatusCode.OK,
            "the assignee reads the secret letter", TimeSpan.FromSeconds(20));
        Assert.Equal(Subject, (await division.GetJsonAsync($"/api/letters/{letter}")).Text("subject"));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/letters/{letter}/dispositions/sheet");
        request.Headers.Accept.ParseAdd("text/html");
        var sheet = await (await division.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains(Subject, sheet, StringComparison.Ordinal);
        Assert.Contains("R-77/BSSN/D3/2026", sheet, StringComparison.Ordinal);
        Assert.Contains("8 Januari 2027 23.59 WIB", sheet, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/letters/{letter}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/letters/{letter}/dispositions/sheet")).StatusCode);
    }
}
