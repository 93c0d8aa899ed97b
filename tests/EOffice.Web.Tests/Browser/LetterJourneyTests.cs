using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EOffice.Web.Tests.Browser;

/// <summary>
/// A letter carried from draft to read receipt entirely in the browser, by four people at their own browsers,
/// with the recipient's bell rising live; on a desktop and on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LetterJourneyTests(BrowserFixture browser)
{
    private const string Drafter = "199512042020121003"; // Fajar Nugroho, by NIP
    private const string Reviewer = "lina.marlina@eoffice.local";
    private const string Signer = "yusuf.maulana@eoffice.local";
    private const string Recipient = "imam.santoso@eoffice.local";

    // A one-page PDF, enough for the attachment check (magic bytes and extension agree).
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public Task A_letter_goes_from_draft_to_read_receipt_in_the_browser_on_a_desktop() =>
        JourneyAsync(BrowserFixture.Desktop, "surat-desktop");

    [Fact]
    public Task A_letter_goes_from_draft_to_read_receipt_in_the_browser_on_a_phone() =>
        JourneyAsync(BrowserFixture.Phone, "surat-ponsel");

    private async Task JourneyAsync(ViewportSize viewport, string scenario)
    {
        var subject = $"Permohonan data pegawai {scenario} {Guid.NewGuid().ToString("N")[..6]}";
        var drafter = await WebUser.OpenAsync(browser, viewport, scenario, "konseptor");
        var reviewer = await WebUser.OpenAsync(browser, viewport, scenario, "pemeriksa");
        var signer = await WebUser.OpenAsync(browser, viewport, scenario, "penandatangan");
        var recipient = await WebUser.OpenAsync(browser, viewport, scenario, "penerima");
        WebUser[] everyone = [drafter, reviewer, signer, recipient];
        try
        {
            // The drafter composes a Nota Dinas with a reviewer, a signer and an attachment, and submits it.
            await drafter.SignedInAsync(Drafter);
            await drafter.Page.GotoAsync("/surat/baru");
            await drafter.SelectAsync("Jenis naskah", "Nota Dinas");
            await drafter.PickAsync("Klasifikasi", "800.1", "800.1");
            await drafter.Page.GetByLabel("Hal", new() { Exact = true }).FillAsync(subject);
            await drafter.Page.GetByLabel("Ringkasan", new() { Exact = true }).FillAsync("Permohonan data");
            await drafter.Page.GetByLabel("Isi", new() { Exact = true }).FillAsync("Dengan hormat,\n\nmohon dikirimkan **data pegawai** berikut:\n\n1. nama\n2. NIP");
            await drafter.PickAsync("Tambah kepada (jabatan)", "Kepala Badan Kepegawaian", "Kepala Badan Kepegawaian");
            await drafter.PickAsync("Tambah pemeriksa", "Kepala Seksi Pengembangan Aplikasi", "Kepala Seksi Pengembangan Aplikasi");
            await drafter.PickAsync("Penandatangan", "Kepala Bidang Aplikasi Informatika", "Kepala Bidang Aplikasi Informatika");
            await drafter.ShotAsync("buat-surat");
            await drafter.ClickAsync("Simpan");
            await drafter.Page.WaitForURLAsync(new Regex("/surat/[0-9a-f-]{36}/ubah$"));
            var id = Regex.Match(drafter.Page.Url, "/surat/([0-9a-f-]{36})/").Groups[1].Value;
            await drafter.Page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "lampiran.pdf", MimeType = "application/pdf", Buffer = Pdf });
            await Expect.Visible(drafter.Page.GetByText("lampiran.pdf"));
            await drafter.ShotAsync("lampiran");
            await drafter.ClickAsync("Ajukan");
            await Expect.Visible(drafter.Page.GetByText("Verifikasi"));
            await drafter.ShotAsync("diajukan");

            // The reviewer finds it among their tasks and returns it with a comment.
            await reviewer.SignedInAsync(Reviewer);
            await reviewer.Page.GotoAsync("/surat/tugas");
            await reviewer.Page.GetByText(subject).First.ClickAsync();
            await reviewer.Page.WaitForURLAsync($"**/surat/{id}");
            // The draft names its addressee before it is sent.
            await Expect.Visible(reviewer.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Kepada" })
                .Filter(new() { HasText = "Kepala Badan Kepegawaian dan Pengembangan SDM" }));
            await reviewer.ShotAsync("surat-diperiksa");
            await reviewer.ClickAsync("Kembalikan");
            await reviewer.Page.GetByRole(AriaRole.Dialog).GetByLabel("Catatan").FillAsync("Mohon lengkapi ringkasan dengan tahun data.");
            await reviewer.ShotAsync("kembalikan");
            await reviewer.ConfirmAsync("Kembalikan");
            await Expect.Visible(reviewer.Page.GetByText("Konsep"));

            // The drafter sees the comment, fixes the draft and submits it again.
            await drafter.Page.GotoAsync($"/surat/{id}");
            await Expect.Visible(drafter.Page.GetByText("Mohon lengkapi ringkasan dengan tahun data."));
            await drafter.ShotAsync("dikembalikan");
            await drafter.ClickAsync("Ubah");
            await drafter.Page.GetByLabel("Ringkasan", new() { Exact = true }).FillAsync("Permohonan data pegawai tahun 2026");
            await drafter.ClickAsync("Simpan");
            await drafter.ClickAsync("Ajukan");
            await Expect.Visible(drafter.Page.GetByText("Verifikasi"));

            // The reviewer approves.
            await reviewer.Page.GotoAsync($"/surat/{id}");
            await reviewer.ClickAsync("Setujui");
            await reviewer.ConfirmAsync("Setujui");
            await Expect.Visible(reviewer.Page.GetByText("Disetujui").Or(reviewer.Page.GetByText("disetujui")));
            await reviewer.ShotAsync("disetujui");

            // The recipient is at their desk, the bell showing what it shows.
            await recipient.SignedInAsync(Recipient);
            var bellBefore = await recipient.BellCountAsync();

            // The signer signs with their password and sends.
            await signer.SignedInAsync(Signer);
            await signer.Page.GotoAsync("/surat/tugas");
            await signer.Page.GetByText(subject).First.ClickAsync();
            await signer.ClickAsync("Tandatangani");
            await signer.Page.GetByRole(AriaRole.Dialog).GetByLabel("Kata sandi").FillAsync(Testing.PlatformFixture.DemoPassword);
            await signer.ShotAsync("tandatangani");
            await signer.ConfirmAsync("Tandatangani");
            await Expect.Visible(signer.Page.GetByText("Ditandatangani"));
            await signer.ShotAsync("ditandatangani");
            await signer.ClickAsync("Kirim");
            await Expect.Visible(signer.Page.GetByText("Terkirim"));
            await signer.ShotAsync("terkirim");

            // The recipient's bell rises without a reload; they open the letter from it.
            await recipient.Page.WaitForFunctionAsync(
                """
                (before) => {
                  const bell = document.querySelector('button[aria-label="Notifikasi"]');
                  const badge = bell && bell.closest('.mud-badge-root') && bell.closest('.mud-badge-root').querySelector('.mud-badge');
                  return badge && parseInt(badge.textContent.trim(), 10) > before;
                }
                """, bellBefore, new() { Timeout = 30_000 });
            Assert.True(await recipient.BellCountAsync() > bellBefore);
            await recipient.ShotAsync("lonceng");
            await recipient.Page.GotoAsync("/surat/masuk");
            await recipient.Page.GetByText(subject).First.ClickAsync();
            await Expect.Visible(recipient.Page.GetByRole(AriaRole.Heading, new() { Name = subject }));
            await Expect.Visible(recipient.Page.GetByText("data pegawai").First);
            await recipient.ShotAsync("surat-dibaca");

            // The sender sees the read receipt.
            await drafter.Page.GotoAsync($"/surat/{id}");
            await Expect.Visible(drafter.Page.GetByText(new Regex("Dibaca \\d{1,2} \\w+ \\d{4}")));
            await drafter.ShotAsync("tanda-terima");
        }
        catch
        {
            foreach (var user in everyone)
            {
                await user.ShotAsync("gagal", checkWidth: false);
            }

            throw;
        }
        finally
        {
            foreach (var user in everyone)
            {
                await user.Page.Context.CloseAsync();
            }
        }
    }
}
