using System.Net;
using System.Text;
using EOffice.ServiceDefaults.Text;

namespace EOffice.Correspondence.Verification;

/// <summary>The public verification page (Indonesian), where the QR code on a letter leads.</summary>
public static class VerifyPage
{
    /// <summary>The page for a code: the letter's facts (or that none has this code), and the check of an uploaded PDF.</summary>
    public static string Render(string code, VerificationResult? r, DocumentMatch? match)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Verifikasi Naskah Dinas</title><style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}")
            .Append("h1{font-size:1.4rem}.ok{color:#0a6b2d}.bad{color:#b00020}dt{font-weight:bold;margin-top:.6rem}dd{margin:0;word-break:break-all}")
            .Append("form{margin-top:1.5rem;padding:1rem;border:1px solid #ccc;border-radius:.4rem}</style></head><body>")
            .Append("<h1>Verifikasi Naskah Dinas</h1>");
        if (r is null)
        {
            html.Append("<p class=\"bad\"><strong>Tidak ditemukan.</strong> Tidak ada naskah dinas dengan kode verifikasi ")
                .Append(E(code)).Append(".</p></body></html>");
            return html.ToString();
        }

        html.Append(r.Valid
            ? "<p class=\"ok\"><strong>Sah.</strong> Naskah dinas ini ditandatangani secara elektronik dan isinya sesuai dengan segelnya.</p>"
            : "<p class=\"bad\"><strong>Tidak sah.</strong> Isi naskah dinas ini tidak lagi sesuai dengan segelnya.</p>");
        if (r.PurgedAt is { } purged)
        {
            html.Append("<p>Arsip naskah ini telah dimusnahkan sesuai berita acara pada ").Append(E(Indonesian.Date(purged))).Append("; keasliannya tetap dapat diperiksa.</p>");
        }

        if (r.RecalledAt is { } recalled)
        {
            html.Append("<p class=\"bad\"><strong>Ditarik kembali.</strong> Penanda tangan menarik kembali naskah ini pada ")
                .Append(E(Indonesian.DateTime(recalled))).Append("; naskah ini tidak berlaku.</p>");
        }

        html.Append("<dl>");
        Row(html, "Nomor", r.Number);
        Row(html, "Tanggal", r.Date is { } d ? Indonesian.Date(d) : null);
        Row(html, "Jenis naskah", r.Type);
        Row(html, "Penanda tangan", r.Signer);
        Row(html, "Jabatan", r.SignerPosition);
        Row(html, "Ditandatangani pada", r.SignedAt is { } at ? Indonesian.DateTime(at) : null);
        Row(html, "Hal", r.Subject ?? "(tidak ditampilkan: naskah bersifat tertutup)");
        Row(html, "SHA-256 dokumen", r.DocumentSha256 ?? "(tidak ada dokumen PDF)");
        Row(html, "SHA-256 isi", r.ContentHash);
        html.Append("</dl>");
        if (match is not null)
        {
            html.Append(match.Matches
                ? "<p class=\"ok\"><strong>Berkas cocok.</strong> PDF yang diunggah sama persis dengan dokumen yang ditandatangani.</p>"
                : "<p class=\"bad\"><strong>Berkas tidak cocok.</strong> PDF yang diunggah berbeda dari dokumen yang ditandatangani (SHA-256 ")
            .Append(match.Matches ? "" : E(match.Sha256) + ").</p>");
        }

        html.Append("<form method=\"post\" enctype=\"multipart/form-data\"><label>Periksa berkas PDF naskah ini: ")
            .Append("<input type=\"file\" name=\"file\" accept=\"application/pdf\" required></label> <button type=\"submit\">Periksa</button></form>")
            .Append("</body></html>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            html.Append("<dt>").Append(WebUtility.HtmlEncode(label)).Append("</dt><dd>").Append(WebUtility.HtmlEncode(value)).Append("</dd>");
        }
    }
}
