using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EOffice.Web.Tests.Browser;

/// <summary>Signing in (and being sent back where one was), and the secretariat registering an incoming letter.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInAndIncomingTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_wrong_password_is_explained_in_indonesian_and_a_deep_link_survives_signing_in()
    {
        var user = await WebUser.OpenAsync(browser, BrowserFixture.Desktop, "masuk", "pegawai");
        try
        {
            await user.SignInAsync("fajar.nugroho@eoffice.local", "bukan-kata-sandinya");
            await Expect.Visible(user.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "NIP/email atau kata sandi salah." }));
            await user.ShotAsync("sandi-salah");

            // A link opened without a session goes to sign-in and, after it, to the page asked for.
            await user.Page.GotoAsync("/surat/terkirim");
            await user.Page.WaitForURLAsync(new Regex("/masuk\\?kembali="));
            await user.Page.GetByLabel("NIP atau email").FillAsync("fajar.nugroho@eoffice.local");
            await user.Page.GetByLabel("Kata sandi").FillAsync(Testing.PlatformFixture.DemoPassword);
            await user.ClickAsync("Masuk");
            await user.Page.WaitForURLAsync(new Regex("/surat/terkirim$"));
            await user.ShotAsync("kembali-ke-halaman");

            // No token anywhere the page's scripts can read.
            var stored = await user.Page.EvaluateAsync<string>(
                "() => JSON.stringify(Object.assign({}, localStorage)) + JSON.stringify(Object.assign({}, sessionStorage)) + document.cookie");
            Assert.DoesNotContain("eyJ", stored, StringComparison.Ordinal);
            Assert.DoesNotContain("eoffice_session", stored, StringComparison.Ordinal);

            await user.Page.ReloadAsync();
            await Expect.Visible(user.Page.GetByRole(AriaRole.Heading, new() { Name = "Terkirim" }));
        }
        finally
        {
            await user.Page.Context.CloseAsync();
        }
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("ponsel")]
    public async Task The_secretariat_registers_an_incoming_letter_and_sees_its_agenda_number(string device)
    {
        var viewport = device == "desktop" ? BrowserFixture.Desktop : BrowserFixture.Phone;
        var clerk = await WebUser.OpenAsync(browser, viewport, $"surat-masuk-{device}", "sekretariat");
        var subject = $"Undangan rapat koordinasi {device} {Guid.NewGuid().ToString("N")[..6]}";
        try
        {
            await clerk.SignedInAsync("putri.anggraini@eoffice.local");
            await clerk.Page.GotoAsync("/surat-masuk/baru");
            await clerk.Page.GetByLabel("Instansi pengirim").FillAsync("Kementerian Komunikasi dan Digital");
            await clerk.Page.GetByLabel("Nomor surat", new() { Exact = true }).FillAsync("B-123/KOMDIGI/11/2026");
            await clerk.Page.GetByLabel("Tanggal surat").FillAsync("2026-11-27");
            await clerk.Page.GetByLabel("Hal", new() { Exact = true }).FillAsync(subject);
            await clerk.Page.GetByLabel("Ringkasan", new() { Exact = true }).FillAsync("Undangan rapat koordinasi transformasi digital");
            await clerk.PickAsync("Klasifikasi", "000", "000");
            await clerk.PickAsync("Tambah kepada (jabatan)", "Kepala Dinas Komunikasi", "Kepala Dinas Komunikasi");
            await clerk.ShotAsync("registrasi");
            await clerk.ClickAsync("Daftarkan");
            await Expect.Visible(clerk.Page.Locator("#agenda-number"));
            var agenda = await clerk.Page.Locator("#agenda-number").InnerTextAsync();
            Assert.Matches("\\d", agenda);
            await clerk.ShotAsync("nomor-agenda");
        }
        catch
        {
            await clerk.ShotAsync("gagal", checkWidth: false);
            throw;
        }
        finally
        {
            await clerk.Page.Context.CloseAsync();
        }
    }
}
