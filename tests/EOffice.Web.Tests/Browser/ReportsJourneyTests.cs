using System.Net;
using System.Text.RegularExpressions;
using EOffice.Testing;
using Microsoft.Playwright;
using MiniExcelLibs;
using Npgsql;

namespace EOffice.Web.Tests.Browser;

/// <summary>
/// The head of BKPSDM opens the reports: the letters BKPSDM's secretariat registered in June 2024 are counted and in
/// the agenda book, whose XLSX downloads through the browser and opens with MiniExcel; a disposition to the Jabatan
/// subdivision left past its due time shows as overdue, with a link to it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsJourneyTests(BrowserFixture browser)
{
    private const string Head = "imam.santoso@eoffice.local"; // Kepala Badan Kepegawaian dan Pengembangan SDM
    private const string Secretariat = "rizky.ramadhan@eoffice.local"; // Pengadministrasi Persuratan BKPSDM

    [Fact]
    public async Task A_head_sees_the_scenarios_counts_and_downloads_the_agenda_book_as_xlsx()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (letters, disposition) = await ScenarioAsync(tag);
        var head = await WebUser.OpenAsync(browser, BrowserFixture.Desktop, "laporan", "kepala");
        try
        {
            await head.SignedInAsync(Head);
            await head.Page.GotoAsync("/laporan");
            await Expect.Visible(head.Page.GetByRole(AriaRole.Heading, new() { Name = "Laporan" }));
            await head.Page.GetByLabel("Dari tanggal").FillAsync("2024-06-01");
            await head.Page.GetByLabel("Sampai tanggal").FillAsync("2024-06-30");
            await head.ClickAsync("Tampilkan");
            await Expect.Visible(head.Page.Locator("#letters-total").Filter(new() { HasText = "3 surat resmi" }));
            await Expect.Visible(head.Page.Locator("#letters-by-month tr").Filter(new() { HasText = "Juni 2024" }).Filter(new() { HasText = "3" }));
            await Expect.Visible(head.Page.Locator("#letters-by-type tr").Filter(new() { HasText = "Surat Undangan" }));
            var agenda = head.Page.Locator("#agenda-table");
            foreach (var subject in letters)
            {
                await Expect.Visible(agenda.GetByText(subject));
            }

            await head.ShotAsync("laporan-juni");

            var download = await head.Page.RunAndWaitForDownloadAsync(() => head.ClickAsync("Unduh XLSX"));
            Assert.Equal("buku-agenda-2024-06-01_2024-06-30.xlsx", download.SuggestedFilename);
            var file = Path.Combine(Path.GetTempPath(), $"buku-agenda-{tag}.xlsx");
            await download.SaveAsAsync(file);
            try
            {
                var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
                Assert.Equal(3, rows.Count);
                Assert.Equal(letters, rows.Select(r => (string)r["Perihal"]).ToArray());
                Assert.All(rows, r => Assert.Equal("Kementerian Pendayagunaan Aparatur Negara", r["Asal Surat"]));
            }
            finally
            {
                File.Delete(file);
            }

            // Today's dispositions to the Jabatan subdivision: one, overdue, with a link to it.
            var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await head.Page.GetByLabel("Dari tanggal").FillAsync(today);
            await head.Page.GetByLabel("Sampai tanggal").FillAsync(today);
            await head.SelectAsync("Unit", "Subbidang Jabatan dan Kepangkatan");
            await head.ClickAsync("Tampilkan");
            var row = head.Page.Locator("#dispositions-table tr").Filter(new() { HasText = "Subbidang Jabatan dan Kepangkatan" });
            await Expect.Visible(row);
            Assert.Equal("1", (await row.Locator("td[data-label=Terlambat]").InnerTextAsync()).Trim());
            await head.ClickAsync("Lihat disposisi terlambat (1)");
            await Expect.Visible(head.Page.Locator($"#overdue-list a[href='/disposisi/{disposition}']"));
            await head.ShotAsync("laporan-disposisi-terlambat");
            await head.Page.Locator($"#overdue-list a[href='/disposisi/{disposition}']").ClickAsync();
            await head.Page.WaitForURLAsync(new Regex($"/disposisi/{disposition}$"));
        }
        finally
        {
            await head.Page.Context.CloseAsync();
        }
    }

    // Three letters received in June 2024 (a month no other browser test uses), the first disposed today to the
    // Jabatan subdivision and made overdue in the database (the API never takes a due time in the past).
    private async Task<(string[] Subjects, Guid Disposition)> ScenarioAsync(string tag)
    {
        var platform = browser.Platform;
        using var admin = platform.As(await platform.LoginAsync("admin@eoffice.local"));
        var positions = await admin.PositionsByTitleAsync();
        using var secretariat = platform.As(await platform.LoginAsync(Secretariat));
        using var head = platform.As(await platform.LoginAsync(Head));
        string[] subjects = [$"Seleksi terbuka JPT {tag}", $"Undangan sosialisasi SIASN {tag}", $"Usulan kenaikan pangkat {tag}"];
        var ids = new List<Guid>();
        for (var i = 0; i < subjects.Length; i++)
        {
            var created = await secretariat.PostJsonAsync("/api/incoming-letters", new
            {
                senderInstitution = "Kementerian Pendayagunaan Aparatur Negara",
                senderNumber = $"B/{100 + i}/M.SM.01/2024",
                senderDate = "2024-06-03",
                receivedAt = $"2024-06-1{i}T02:00:00Z",
                type = i == 1 ? "Surat Undangan" : "Surat Dinas",
                subject = subjects[i],
                classificationCode = "800",
                security = "Biasa",
                urgency = "Biasa",
                to = new[] { new { positionId = positions["Kepala Badan Kepegawaian dan Pengembangan SDM"] } },
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ids.Add((await created.ReadJsonAsync()).GetProperty("id").GetGuid());
        }

        // Disposition learns of the letter from Correspondence's event: retry until it may be disposed.
        Guid disposition = Guid.Empty;
        await Eventually.HoldsAsync(async () =>
        {
            var response = await head.PostJsonAsync($"/api/letters/{ids[0]}/dispositions", new
            {
                to = new[] { positions["Kepala Subbidang Jabatan dan Kepangkatan"] },
                instructions = new[] { "Untuk ditindaklanjuti" },
            });
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return false;
            }

            disposition = (await response.ReadJsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
            return true;
        }, "the head may dispose the registered letter");

        await using var db = new NpgsqlConnection(platform.DatabaseConnectionString);
        await db.OpenAsync();
        await using var overdue = new NpgsqlCommand("update disposition.dispositions set due_at = now() - interval '3 hours' where id = @id", db);
        overdue.Parameters.AddWithValue("id", disposition);
        Assert.Equal(1, await overdue.ExecuteNonQueryAsync());
        return (subjects, disposition);
    }
}
