using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace EOffice.Correspondence.Documents;

/// <summary>
/// The certified provider (<c>Signing:Provider</c> = <c>Bsre</c>): BSrE signs the rendered PDF with the
/// signer's own certificate, unlocked by the NIK and passphrase they give at signing. What comes back is
/// checked before it is stored: a PDF with the same pages as ours and a signature in it.
/// </summary>
public sealed class BsreSignatureProvider(BsreClient bsre, ILogger<BsreSignatureProvider> logger) : ISignatureProvider
{
    /// <inheritdoc />
    public async Task<byte[]> SignAsync(byte[] pdf, DocumentSignature signature, CancellationToken ct)
    {
        var credentials = signature.Credentials
            ?? throw new InvalidOperationException("BSrE signs with the signer's NIK and passphrase; the sign flow passes them.");
        var signed = await bsre.SignPdfAsync(pdf, credentials, signature.Reason, signature.Location, ct);
        if (SanityProblem(pdf, signed) is { } problem)
        {
            logger.LogError("BSrE returned a document that is not our letter signed: {Problem}", problem);
            throw SignatureProblems.Unavailable("Dokumen yang dikembalikan BSrE bukan surat ini yang ditandatangani.");
        }

        return signed;
    }

    /// <summary>
    /// Why <paramref name="signed"/> is not <paramref name="ours"/> signed, or null: it must be a PDF, carry
    /// a signature (<c>/ByteRange</c>), and have our pages; an incremental update keeps our bytes as its start.
    /// </summary>
    public static string? SanityProblem(byte[] ours, byte[] signed)
    {
        if (signed.Length < 5 || !signed.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
        {
            return "not a PDF";
        }

        if (signed.AsSpan().IndexOf("/ByteRange"u8) < 0)
        {
            return "no signature in it";
        }

        if (signed.Length > ours.Length && signed.AsSpan(0, ours.Length).SequenceEqual(ours))
        {
            return null;
        }

        // Not an incremental update of our bytes: at least the same number of pages, with the same text on the first.
        try
        {
            using var a = PdfReader.Open(new MemoryStream(ours, writable: false), PdfDocumentOpenMode.Import);
            using var b = PdfReader.Open(new MemoryStream(signed, writable: false), PdfDocumentOpenMode.Import);
            if (a.PageCount != b.PageCount)
            {
                return $"{b.PageCount} pages instead of {a.PageCount}";
            }

            return a.Pages[0].Contents.Elements.Count == 0 || ContentOf(a.Pages[0]).SequenceEqual(ContentOf(b.Pages[0])) ? null : "the first page differs";
        }
        catch (Exception e) when (e is PdfReaderException or InvalidOperationException or ArgumentException)
        {
            return "unreadable: " + e.Message;
        }
    }

    private static byte[] ContentOf(PdfPage page) =>
        page.Contents.Elements.Items.OfType<PdfSharp.Pdf.Advanced.PdfReference>()
            .Select(r => r.Value).OfType<PdfDictionary>()
            .SelectMany(d => d.Stream?.UnfilteredValue ?? []).ToArray();
}
