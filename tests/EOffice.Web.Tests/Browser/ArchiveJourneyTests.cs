using System.Net;
using System.Text.RegularExpressions;
using EOffice.Testing;
using Microsoft.Playwright;

namespace EOffice.Web.Tests.Browser;

/// <summary>
/// An archivist, on a phone, finds a sent letter's record by an inflected word of its subject, puts it under a legal hold
/// with a reason (a missing reason is named at the field), files it into a new berkas, and the berkas lists it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ArchiveJourneyTests(BrowserFixture browser)
{
    private const string Archivist = "agus.salim@eoffice.local"; // Arsiparis Ahli Pertama Dinas Kominfo

    [Fact]
    public async Task An_archivist_finds_a_record_by_an_inflected_word_holds_it_and_files_it_into_a_new_berkas()
    {
        var tag = "t" + Guid.NewGuid().ToString("N")[..6];
        // The subject says "pengadaan"; the archivist types "mengadakan": both stem to "ada".
        var subject = $"Rencana pengadaan perangkat komputer {tag}";
        var (_, number) = await browser.SendLetterToBkpsdmAsync(subject, "Rencana kebutuhan perangkat",
            "Dengan hormat, bersama ini kami sampaikan rencana kebutuhan perangkat komputer.", "Biasa");

        var archivist = await WebUser.OpenAsync(browser, BrowserFixture.Phone, "arsip-ponsel", "arsiparis");
        try
        {
            await archivist.SignedInAsync(Archivist);
            await archivist.OpenArchivedAsync($"mengadakan {tag}", tag);
            var page = archivist.Page;
            await Expect.Visible(page.GetByText(number).First);
            await Expect.Visible(page.Locator("#retention-summary").GetByText("Aktif sampai", new() { Exact = false }));
            await archivist.ShotAsync("arsip-rekod");

            // A hold needs a reason: the field says so; with one, the record shows it.
            await archivist.ClickAsync("Tahan arsip");
            await Expect.Visible(archivist.DialogField("Alasan"));
            await archivist.ConfirmAsync("Simpan");
            await Expect.Visible(page.GetByRole(AriaRole.Dialog).GetByText("Tuliskan alasan penahanan", new() { Exact = false }));
            await archivist.ShotAsync("tahan-tanpa-alasan");
            await archivist.DialogField("Alasan").FillAsync("Pemeriksaan Inspektorat 2026");
            await archivist.ConfirmAsync("Simpan");
            await Expect.Visible(page.Locator("#hold-current").GetByText("Pemeriksaan Inspektorat 2026", new() { Exact = false }));
            await Expect.Visible(page.Locator("#record-holds li").Filter(new() { HasText = "Agus Salim" }));
            await archivist.ShotAsync("arsip-ditahan");

            // Filed into a new berkas of the record's unit and classification.
            await archivist.ClickAsync("Masukkan ke berkas");
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByText("Berkas baru", new() { Exact = true }).ClickAsync();
            await archivist.DialogField("Uraian berkas").FillAsync($"Pengadaan komputer {tag}");
            await archivist.ShotAsync("berkas-baru");
            await archivist.ConfirmAsync("Masukkan");
            var link = page.Locator("#record-file").GetByRole(AriaRole.Link, new() { Name = $"Pengadaan komputer {tag}", Exact = false });
            await Expect.Visible(link);
            await link.ClickAsync();
            await page.WaitForURLAsync(new Regex("/arsip/berkas/[0-9a-f-]{36}$"));
            await Expect.Visible(page.Locator("#file-records .eo-record").Filter(new() { HasText = tag }));
            await archivist.ShotAsync("berkas");

            // The list of files shows it, with its count; the other archive screens fit a phone too.
            await page.GotoAsync("/arsip/berkas");
            await Expect.Visible(page.Locator(".eo-file").Filter(new() { HasText = $"Pengadaan komputer {tag}" }).GetByText("1 arsip", new() { Exact = false }));
            await archivist.ShotAsync("daftar-berkas");
            await page.GotoAsync("/arsip/klasifikasi");
            await Expect.Visible(page.Locator("#classification-tree [data-code='800']"));
            await archivist.ShotAsync("klasifikasi");
            await page.GotoAsync("/arsip/retensi");
            await Expect.Visible(page.GetByRole(AriaRole.Heading, new() { Name = "Usulan penyusutan" }));
            await archivist.ShotAsync("retensi");
        }
        finally
        {
            await archivist.Page.Context.CloseAsync();
        }
    }
}
