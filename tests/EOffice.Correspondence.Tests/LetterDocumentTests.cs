using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.ServiceDefaults.Text;

namespace EOffice.Correspondence.Tests;

/// <summary>The official PDF of a letter: rendered and signed at signing, checked as a recipient would.</summary>
public sealed class LetterDocumentTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    private async Task<(Guid Id, string Number, string Code, byte[] Pdf)> SentDocumentAsync(string subject)
    {
        var id = await f.CreateAsync(f.Draft(subject: subject));
        var signed = await f.SendAsync(id);
        using var addressee = await f.As(CorrespondenceFixture.Addressee);
        var response = await addressee.GetAsync($"/api/letters/{id}/document");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return (id, signed.GetProperty("number").GetString()!, signed.GetProperty("verificationCode").GetString()!, await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<JsonElement> CheckAsync(string code, byte[] pdf)
    {
        using var anonymous = f.Service.CreateClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "surat.pdf");
        var response = await anonymous.PostAsync($"/verify/{code}", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_signed_letter_shows_number_date_subject_addressee_signer_NIP_and_tembusan_and_its_QR_code_opens_verify()
    {
        var (_, number, code, pdf) = await SentDocumentAsync("Rapat koordinasi dokumen resmi");
        var signer = (await f.QueryAsync<(string Name, string Nip)>(
            "select name, nip from correspondence.org_users where email = @e", new { e = CorrespondenceFixture.Signer })).Single();
        var today = Indonesian.Date(DateTimeOffset.UtcNow);

        var text = await PdfTools.WordsAsync(pdf);
        var qr = await PdfTools.QrCodesAsync(pdf);

        Assert.Contains(number, text);
        Assert.Contains(today, text);
        Assert.Contains("Rapat koordinasi dokumen resmi", text);
        Assert.Contains("Yth. Kepala Dinas Kependudukan dan Pencatatan Sipil", text);
        Assert.Contains("Kepala Bidang Aplikasi Informatika", text);
        Assert.Contains(signer.Name, text);
        Assert.Contains("NIP " + signer.Nip, text);
        Assert.Contains("Tembusan: 1. Sekretaris Dinas Kependudukan dan Pencatatan Sipil", text);
        Assert.Contains("Ditandatangani secara elektronik oleh", text);
        Assert.Contains("PEMERINTAH KOTA DEPOK DINAS KOMUNIKASI DAN INFORMATIKA", text);
        Assert.Contains("diskominfo@depok.go.id", text);
        Assert.Equal($"{CorrespondenceFixture.Issuer}/verify/{code}", qr.Trim());
    }

    [Fact]
    public async Task The_signature_is_valid_over_the_whole_file_and_one_changed_byte_breaks_it_and_the_byte_check()
    {
        var (_, _, code, pdf) = await SentDocumentAsync("Tanda tangan yang utuh");
        var changed = pdf.ToArray();
        changed[2000] = (byte)(changed[2000] == (byte)'X' ? 'Y' : 'X');

        var signature = await PdfTools.SignaturesAsync(pdf);
        var broken = await PdfTools.SignaturesAsync(changed);

        Assert.Contains("Signature is Valid", signature);
        Assert.Contains("Total document signed", signature);
        Assert.DoesNotContain("Signature is Valid", broken);
        Assert.True((await CheckAsync(code, pdf)).GetProperty("matches").GetBoolean());
        Assert.False((await CheckAsync(code, changed)).GetProperty("matches").GetBoolean());
    }

    [Fact]
    public async Task The_verification_page_in_Indonesian_shows_the_number_and_the_document_hash()
    {
        var (id, number, code, pdf) = await SentDocumentAsync("Halaman verifikasi");
        using var anonymous = f.Service.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/verify/{code}");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await anonymous.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var json = await anonymous.GetFromJsonAsync<JsonElement>($"/verify/{code}");

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", html);
        Assert.Contains(number, html);
        Assert.Contains("Sah.", html);
        Assert.Contains("Halaman verifikasi", html);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), html);
        Assert.Equal(number, json.GetProperty("number").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), json.GetProperty("documentSha256").GetString());
        Assert.NotEqual(Guid.Empty, id);
    }

    [Fact]
    public async Task An_acting_signer_is_named_Plt_on_the_document()
    {
        const string title = "Sekretaris Dinas Kependudukan dan Pencatatan Sipil";
        var id = await f.CreateAsync(new
        {
            type = "Nota Dinas",
            subject = "Laporan Plt di dokumen",
            summary = "Laporan",
            body = "Laporan pelaksanaan tugas.",
            classificationCode = "000",
            security = "Biasa",
            urgency = "Biasa",
            to = new[] { new { positionId = f.Position("Kepala Dinas Kependudukan dan Pencatatan Sipil") } },
            cc = Array.Empty<object>(),
            reviewers = Array.Empty<Guid>(),
            signerPositionId = f.Position(title),
        }, CorrespondenceFixture.AddresseeSecretariat);
        using var drafter = await f.As(CorrespondenceFixture.AddresseeSecretariat);
        using var plt = await f.As(CorrespondenceFixture.ActingCc);
        (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
        (await plt.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password })).EnsureSuccessStatusCode();

        var text = await PdfTools.WordsAsync(await plt.GetByteArrayAsync($"/api/letters/{id}/document"));

        Assert.Contains("NOTA DINAS", text);
        Assert.Contains("Plt. " + title, text);
        Assert.Contains("Wahyuni Pratiwi", text);
    }

    [Fact]
    public async Task Before_signing_the_document_is_a_DRAF_preview_without_number_and_the_same_bytes_each_time()
    {
        var id = await f.CreateAsync(f.Draft(subject: "Pratinjau draf"));
        using var drafter = await f.As(CorrespondenceFixture.Drafter);

        var first = await drafter.GetByteArrayAsync($"/api/letters/{id}/document");
        var second = await drafter.GetByteArrayAsync($"/api/letters/{id}/document");
        var text = await PdfTools.WordsAsync(first);

        Assert.Equal(first, second);
        Assert.Contains("DRAF", text);
        Assert.Contains("Pratinjau draf", text);
        Assert.DoesNotContain("/DISKOMINFO", text);
        Assert.DoesNotContain("Ditandatangani secara elektronik", text);
        Assert.DoesNotContain("Signature is Valid", await PdfTools.SignaturesAsync(first));
        Assert.Equal("", (await PdfTools.QrCodesAsync(first)).Trim());
    }

    [Fact]
    public async Task A_stranger_gets_404_for_a_secret_letters_document()
    {
        var id = await f.CreateAsync(f.Draft(security: "Rahasia", subject: "Dokumen rahasia"));
        await f.SendAsync(id);
        using var stranger = await f.As(CorrespondenceFixture.Stranger);
        using var addressee = await f.As(CorrespondenceFixture.Addressee);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/letters/{id}/document")).StatusCode);
        var text = await PdfTools.WordsAsync(await addressee.GetByteArrayAsync($"/api/letters/{id}/document"));
        Assert.Contains("RAHASIA", text);
    }

    [Fact]
    public async Task An_admin_sets_the_agencys_letterhead_and_the_next_document_prints_it()
    {
        var agency = f.Units["DISKOMINFO"];
        using var admin = await f.DirectoryAs("admin@eoffice.local");
        using var staff = await f.DirectoryAs(CorrespondenceFixture.Drafter);
        var letterhead = new
        {
            lines = new[] { "PEMERINTAH KOTA DEPOK", "DINAS KOMUNIKASI DAN INFORMATIKA" },
            address = "Jl. Margonda Raya No. 54, Gedung Baleka II Lt. 4, Depok 16431",
            phone = "(021) 29402281",
            email = "diskominfo@depok.go.id",
            website = "kop-uji.depok.go.id",
        };

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PutAsJsonAsync($"/api/org/units/{agency}/letterhead", letterhead)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/org/units/{agency}/letterhead", letterhead)).StatusCode);
        var stored = await staff.GetFromJsonAsync<JsonElement>($"/api/org/units/{agency}/letterhead");
        var id = await f.CreateAsync(f.Draft(subject: "Kop surat baru"));
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        var text = await PdfTools.WordsAsync(await drafter.GetByteArrayAsync($"/api/letters/{id}/document"));

        Assert.Equal("kop-uji.depok.go.id", stored.GetProperty("website").GetString());
        Assert.Contains("Laman kop-uji.depok.go.id", text);
        Assert.Contains("Gedung Baleka II", text);
    }
}
