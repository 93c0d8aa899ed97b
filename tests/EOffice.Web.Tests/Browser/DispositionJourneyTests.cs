using System.Net;
using System.Text.RegularExpressions;
using EOffice.Testing;
using Microsoft.Playwright;

namespace EOffice.Web.Tests.Browser;

/// <summary>
/// A head disposes a received letter to two subordinates from a phone; one of them forwards it to their own
/// subordinate, who reports a follow-up with a file and completes; the first then reports and completes; the head
/// sees the tree of the letter's dispositions update, downloads the file, and the sheet prints to a PDF with the letter's number.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DispositionJourneyTests(BrowserFixture browser)
{
    private const string Head = "imam.santoso@eoffice.local"; // Kepala Badan Kepegawaian dan Pengembangan SDM
    private const string Subordinate = "wahyu.setiawan@eoffice.local"; // Kepala Bidang Mutasi dan Promosi
    private const string Leaf = "maya.puspitasari@eoffice.local"; // Kepala Subbidang Jabatan dan Kepangkatan, below the Kabid

    [Fact]
    public async Task A_head_disposes_a_letter_from_a_phone_and_sees_the_tree_update_when_a_subordinate_completes()
    {
        const string scenario = "disposisi-ponsel";
        var subject = $"Undangan rapat kepegawaian {Guid.NewGuid().ToString("N")[..6]}";
        var (letterId, number) = await browser.SendLetterToBkpsdmAsync(subject, "Undangan rapat",
            "Dengan hormat, kami mengundang Bapak/Ibu menghadiri rapat.", "Segera");

        var head = await WebUser.OpenAsync(browser, BrowserFixture.Phone, scenario, "kepala");
        var sub = await WebUser.OpenAsync(browser, BrowserFixture.Phone, scenario, "kabid");
        var leaf = await WebUser.OpenAsync(browser, BrowserFixture.Phone, scenario, "kasubbid");
        var report = Path.Combine(Path.GetTempPath(), $"laporan-jabatan-{Guid.NewGuid():N}.pdf");
        await File.WriteAllTextAsync(report, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        try
        {
            // The head opens the letter and disposes it to two subordinates.
            await head.SignedInAsync(Head);
            await head.Page.GotoAsync($"/surat/{letterId}");
            await Expect.Visible(head.Page.GetByText(subject));
            await head.ClickAsync("Disposisikan");
            var dialog = head.Page.GetByRole(AriaRole.Dialog);
            await Expect.Visible(dialog.GetByText("Kosongkan untuk bawaan"));
            await head.PickAsync("Kepada", "Sekretaris", "Sekretaris Badan Kepegawaian");
            await head.PickAsync("Kepada", "Mutasi", "Kepala Bidang Mutasi dan Promosi");
            await dialog.Locator(".mud-chip").Filter(new() { HasText = "Untuk ditindaklanjuti" }).First.ClickAsync();
            await dialog.GetByLabel("Catatan", new() { Exact = true }).FillAsync("Siapkan data peserta rapat.");
            await head.ShotAsync("disposisikan");
            await head.ConfirmAsync("Kirim disposisi");
            await head.Page.WaitForURLAsync(new Regex("/disposisi/[0-9a-f-]{36}$"));
            var tree = head.Page.Locator("#disposition-tree");
            await Expect.Visible(tree.GetByText("Kepala Bidang Mutasi dan Promosi"));
            await Expect.Visible(tree.GetByText("Sekretaris Badan Kepegawaian dan Pengembangan SDM"));
            await head.ShotAsync("disposisi-terkirim");

            // The subordinate finds it among their dispositions, reports a follow-up and completes it.
            await sub.SignedInAsync(Subordinate);
            await sub.Page.GotoAsync("/disposisi");
            await sub.Page.GetByText(subject).First.ClickAsync();
            await sub.Page.WaitForURLAsync(new Regex("/disposisi/[0-9a-f-]{36}$"));
            await Expect.Visible(sub.Page.GetByText("Siapkan data peserta rapat."));
            await sub.ShotAsync("disposisi-diterima");

            // The Kabid forwards it down to the Kasubbid.
            await sub.ClickAsync("Teruskan");
            var forward = sub.Page.GetByRole(AriaRole.Dialog);
            await sub.PickAsync("Kepada", "Jabatan", "Kepala Subbidang Jabatan dan Kepangkatan");
            await forward.Locator(".mud-chip").Filter(new() { HasText = "Siapkan jawaban" }).First.ClickAsync();
            await forward.GetByLabel("Catatan", new() { Exact = true }).FillAsync("Mohon siapkan daftar jabatan peserta.");
            await sub.ShotAsync("teruskan");
            await sub.ConfirmAsync("Kirim disposisi");
            await Expect.Visible(sub.Page.Locator("#disposition-tree").GetByText("Kepala Subbidang Jabatan dan Kepangkatan"));
            await sub.ShotAsync("diteruskan");

            // The Kasubbid (the leaf) reports a follow-up with a file and completes.
            await leaf.SignedInAsync(Leaf);
            await leaf.Page.GotoAsync("/disposisi");
            await leaf.Page.GetByText(subject).First.ClickAsync();
            await leaf.Page.WaitForURLAsync(new Regex("/disposisi/[0-9a-f-]{36}$"));
            await Expect.Visible(leaf.Page.GetByText("Mohon siapkan daftar jabatan peserta."));
            await leaf.ClickAsync("Tindak lanjut");
            var followUp = leaf.Page.GetByRole(AriaRole.Dialog);
            await followUp.GetByLabel("Catatan tindak lanjut").FillAsync("Daftar jabatan peserta terlampir.");
            await followUp.Locator("#followup-files").SetInputFilesAsync(report);
            await Expect.Visible(followUp.GetByText(Path.GetFileName(report), new() { Exact = false }));
            await leaf.ShotAsync("tindak-lanjut-berkas");
            await leaf.ConfirmAsync("Kirim");
            await Expect.Visible(leaf.Page.Locator(".eo-followup-files").GetByText(Path.GetFileName(report)));
            await leaf.ClickAsync("Selesai");
            await Expect.Visible(leaf.Page.Locator("#disposition-status").Filter(new() { HasText = "Selesai" }));
            await leaf.ShotAsync("selesai-dengan-berkas");

            // The Kabid reports and completes once the branch below is done.
            await sub.Page.ReloadAsync();
            await Expect.Visible(sub.Page.Locator("#disposition-tree [data-status=Completed]").Filter(new() { HasText = "Kepala Subbidang Jabatan dan Kepangkatan" }));
            await sub.ClickAsync("Tindak lanjut");
            await sub.Page.GetByRole(AriaRole.Dialog).GetByLabel("Catatan tindak lanjut").FillAsync("Data peserta sudah disiapkan.");
            await sub.ConfirmAsync("Kirim");
            await Expect.Visible(sub.Page.GetByText("Data peserta sudah disiapkan.").First);
            await sub.ClickAsync("Selesai");
            await Expect.Visible(sub.Page.Locator("#disposition-status").Filter(new() { HasText = "Selesai" }));
            await sub.ShotAsync("disposisi-selesai");

            // The head sees the subordinate's branch completed in the tree, the other still waiting.
            await head.Page.ReloadAsync();
            var done = head.Page.Locator("#disposition-tree [data-status=Completed]");
            await Expect.Visible(done.Filter(new() { HasText = "Kepala Bidang Mutasi dan Promosi" }));
            await Expect.Visible(done.GetByText("Data peserta sudah disiapkan.", new() { Exact = false }));
            await Expect.Visible(head.Page.Locator("#disposition-tree [data-status=Open]").Filter(new() { HasText = "Sekretaris Badan Kepegawaian" }));
            await Expect.Visible(done.Filter(new() { HasText = "Kepala Subbidang Jabatan dan Kepangkatan" }));
            await head.ShotAsync("pohon-disposisi");

            // The head opens the leaf's disposition from the tree and downloads the reported file.
            await head.Page.Locator("#disposition-tree").GetByRole(AriaRole.Link).Filter(new() { HasText = "Kepala Subbidang Jabatan dan Kepangkatan" }).ClickAsync();
            var fileLink = head.Page.Locator(".eo-followup-files").GetByText(Path.GetFileName(report));
            await Expect.Visible(fileLink);
            var download = await head.Page.RunAndWaitForDownloadAsync(() => fileLink.ClickAsync());
            Assert.Equal(Path.GetFileName(report), download.SuggestedFilename);
            var saved = Path.Combine(Path.GetTempPath(), $"unduh-{Guid.NewGuid():N}.pdf");
            await download.SaveAsAsync(saved);
            Assert.Equal(await File.ReadAllBytesAsync(report), await File.ReadAllBytesAsync(saved));
            File.Delete(saved);
            await head.Page.GoBackAsync();

            // The sheet opens in a new tab, in Indonesian, with the letter's number.
            var sheet = await head.Page.Context.RunAndWaitForPageAsync(() => head.ClickAsync("Lembar disposisi"));
            await Expect.Visible(sheet.GetByText("LEMBAR DISPOSISI"));
            await Expect.Visible(sheet.GetByText(number));
            await Expect.Visible(sheet.GetByText("Data peserta sudah disiapkan.", new() { Exact = false }));

            // It prints: Chromium's print-to-PDF of the sheet carries the letter's number.
            var pdf = Path.Combine(Path.GetTempPath(), $"lembar-disposisi-{Guid.NewGuid():N}.pdf");
            await sheet.PdfAsync(new() { Path = pdf, Format = "A4", PrintBackground = true });
            var text = await PdfText.ExtractAsync(pdf);
            File.Delete(pdf);
            Assert.Contains("LEMBAR DISPOSISI", text, StringComparison.Ordinal);
            Assert.Contains(PdfText.Unbroken(number), PdfText.Unbroken(text), StringComparison.Ordinal);
            Assert.Contains(PdfText.Unbroken("Kepala Subbidang Jabatan dan Kepangkatan"), PdfText.Unbroken(text), StringComparison.Ordinal);
            await sheet.CloseAsync();

            // The sent box lists both.
            await head.Page.GotoAsync($"/disposisi?kotak=keluar&surat={letterId}");
            await Expect.Visible(head.Page.Locator(".eo-disposition").Filter(new() { HasText = "Kepala Bidang Mutasi dan Promosi" }));
            Assert.Equal(2, await head.Page.Locator(".eo-disposition").CountAsync());
            await head.ShotAsync("disposisi-keluar");

            // The letter is in the archive (filed from an event, so it may take a moment): found by a word of its subject.
            var token = subject.Split(' ')[^1];
            var found = head.Page.Locator(".eo-record").Filter(new() { HasText = token });
            for (var attempt = 0; attempt < 10 && await found.CountAsync() == 0; attempt++)
            {
                await head.Page.GotoAsync($"/arsip?q={token}");
                await head.Page.Locator(".eo-record").Or(head.Page.GetByText("Tidak ada arsip")).First.WaitForAsync();
            }

            await Expect.Visible(found);
            await head.ShotAsync("arsip-cari");
            await found.GetByRole(AriaRole.Link).First.ClickAsync();
            await Expect.Visible(head.Page.Locator("#record-retention").GetByText("Aktif sampai"));
            await Expect.Visible(head.Page.GetByText(number).First);
            await head.ShotAsync("arsip-rekod");
        }
        finally
        {
            await head.Page.Context.CloseAsync();
            await sub.Page.Context.CloseAsync();
            await leaf.Page.Context.CloseAsync();
            File.Delete(report);
        }
    }
}
