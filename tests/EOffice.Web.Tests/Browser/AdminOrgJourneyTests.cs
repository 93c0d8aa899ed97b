using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using EOffice.Testing;
using Microsoft.Playwright;

namespace EOffice.Web.Tests.Browser;

/// <summary>The admin makes a civil servant Plt of a vacant position; that person then finds the position's letters in their inbox.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminOrgJourneyTests(BrowserFixture browser)
{
    private const string Admin = "admin@eoffice.local";
    private const string ActingPerson = "intan.permatasari@eoffice.local"; // Pranata Hubungan Masyarakat Ahli Pertama
    private const string UnitName = "Seksi Pengelolaan Informasi Publik";

    [Fact]
    public async Task An_admin_makes_someone_Plt_of_a_vacant_position_and_they_see_its_inbox()
    {
        const string scenario = "admin-plt";
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = $"Kepala Subseksi Layanan Data {suffix}";
        var subject = $"Permintaan data statistik sektoral {suffix}";
        await VacantPositionWithALetterAsync(title, subject);

        var admin = await WebUser.OpenAsync(browser, BrowserFixture.Desktop, scenario, "admin");
        var phone = await WebUser.OpenAsync(browser, BrowserFixture.Phone, scenario, "admin-ponsel");
        var plt = await WebUser.OpenAsync(browser, BrowserFixture.Desktop, scenario, "plt");
        try
        {
            // The admin finds the vacant position in the unit tree and makes Intan its Plt for a month.
            await admin.SignedInAsync(Admin);
            await admin.Page.GotoAsync("/admin/organisasi");
            await Expect.Visible(admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Struktur organisasi" }));
            await admin.Page.Locator("#unit-tree").GetByRole(AriaRole.Button, new() { Name = UnitName, Exact = true }).ClickAsync();
            await admin.Page.Locator("#unit-positions").GetByText(title).ClickAsync();
            var detail = admin.Page.Locator("#position-detail");
            await Expect.Visible(detail.GetByText("Kosong (tidak ada pemegang definitif)"));
            await admin.PickAsync("Plt/Plh baru", "Intan", "Intan Permatasari");
            var until = DateTime.UtcNow.AddHours(7).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await admin.Page.GetByLabel("Sampai", new() { Exact = true }).FillAsync(until);
            await admin.ShotAsync("plt-isian");
            await admin.ClickAsync("Tambah Plt/Plh");
            await Expect.Visible(admin.Page.Locator("#acting-list").GetByText("Plt. Intan Permatasari"));
            await Expect.Visible(admin.Page.Locator("#acting-list").GetByText("berlaku"));
            await admin.ShotAsync("plt-ditetapkan");

            // The admin pages fit a phone too.
            await phone.SignedInAsync(Admin);
            await phone.Page.GotoAsync("/admin/pengguna");
            await Expect.Visible(phone.Page.GetByText("Intan Permatasari"));
            await phone.ShotAsync("pengguna");
            await phone.Page.GotoAsync("/admin/organisasi");
            await phone.Page.Locator("#unit-tree").GetByRole(AriaRole.Button, new() { Name = UnitName, Exact = true }).ClickAsync();
            await Expect.Visible(phone.Page.Locator("#unit-positions").GetByText(title));
            await phone.ShotAsync("organisasi");

            // Intan signs in and finds the position's letter in her inbox (Correspondence learns of the Plt from the broker).
            await plt.SignedInAsync(ActingPerson);
            await plt.Page.GotoAsync("/surat/masuk");
            await Expect.Visible(plt.Page.GetByRole(AriaRole.Heading, new() { Name = "Surat Masuk" }));
            await Eventually.HoldsAsync(async () =>
            {
                if (await plt.Page.GetByText(subject).CountAsync() > 0)
                {
                    return true;
                }

                await plt.Page.ReloadAsync();
                await Expect.Visible(plt.Page.GetByRole(AriaRole.Heading, new() { Name = "Surat Masuk" }));
                await plt.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                return await plt.Page.GetByText(subject).CountAsync() > 0;
            }, "the Plt sees the vacant position's letter in Surat Masuk", TimeSpan.FromSeconds(30));
            await plt.ShotAsync("surat-masuk-plt");
            await plt.Page.GotoAsync("/profil");
            await Expect.Visible(plt.Page.GetByText(new Regex($"Plt\\. {Regex.Escape(title)}")));
            await plt.ShotAsync("profil-plt");
        }
        catch
        {
            await admin.ShotAsync("gagal", checkWidth: false);
            await plt.ShotAsync("gagal", checkWidth: false);
            throw;
        }
        finally
        {
            await admin.Page.Context.CloseAsync();
            await phone.Page.Context.CloseAsync();
            await plt.Page.Context.CloseAsync();
        }
    }

    // A new position nobody holds (so the demo city stays as other tests expect it), and an incoming letter addressed to it.
    private async Task VacantPositionWithALetterAsync(string title, string subject)
    {
        var platform = browser.Platform;
        using var admin = platform.As(await platform.LoginAsync(Admin));
        var units = HttpJson.Units(await admin.GetJsonAsync("/api/org/units")).ToList();
        var unitId = units.Single(u => u.Text("name") == UnitName).GetProperty("id").GetGuid();
        var head = (await admin.GetJsonAsync($"/api/org/positions?unitId={unitId}")).GetProperty("items").EnumerateArray()
            .Single(p => p.GetProperty("isUnitHead").GetBoolean()).GetProperty("id").GetGuid();
        var created = await admin.PostJsonAsync("/api/org/positions", new { title, unitId, superiorId = head });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var position = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();

        using var clerk = platform.As(await platform.LoginAsync("putri.anggraini@eoffice.local"));
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await clerk.PostJsonAsync("/api/incoming-letters", new
            {
                senderInstitution = "Badan Pusat Statistik Kota Depok",
                senderNumber = "B-77/BPS-3276/2026",
                senderDate = "2026-11-25",
                receivedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
                subject,
                summary = "Permintaan data untuk publikasi statistik sektoral",
                classificationCode = "000.1",
                security = "Biasa",
                urgency = "Biasa",
                to = new[] { new { positionId = position } },
            });
            return response.StatusCode == HttpStatusCode.Created;
        }, "the letter to the new vacant position is registered (Correspondence learns of the position from the broker)", TimeSpan.FromSeconds(20));
    }
}
