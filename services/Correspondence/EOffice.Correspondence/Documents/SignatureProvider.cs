using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Documents;

/// <summary>What a digital signature on a letter's PDF says about its signing.</summary>
public sealed record DocumentSignature(string SignerName, string Reason, string Location, DateTimeOffset At);

/// <summary>
/// Signs a rendered letter (PAdES: a CMS signature embedded in the PDF). Chosen by
/// <c>Signing:Provider</c>; the sign flow does not change with it. A provider that cannot sign
/// throws a <see cref="ProblemException"/> (503 when it is unavailable), which rolls the signing back.
/// </summary>
public interface ISignatureProvider
{
    /// <summary>The signed PDF.</summary>
    Task<byte[]> SignAsync(byte[] pdf, DocumentSignature signature, CancellationToken ct);
}

/// <summary>Problems a signature provider answers with.</summary>
public static class SignatureProblems
{
    /// <summary>503: the provider cannot sign now; nothing was signed or numbered.</summary>
    public static ProblemException Unavailable(string detail) =>
        new(StatusCodes.Status503ServiceUnavailable, "signature-unavailable", "Layanan tanda tangan elektronik tidak tersedia",
            detail + " Surat belum ditandatangani dan tidak mendapat nomor; coba lagi nanti.")
        {
            RetryAfter = TimeSpan.FromSeconds(30),
        };
}
