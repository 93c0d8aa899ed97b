using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Documents;

/// <summary>
/// What a digital signature on a letter's PDF says about its signing; <paramref name="Credentials"/> are
/// what the signer gave a certified provider (BSrE) at signing, null for the built-in one.
/// </summary>
public sealed record DocumentSignature(string SignerName, string Reason, string Location, DateTimeOffset At, SignerCredentials? Credentials = null);

/// <summary>A signer's NIK and passphrase for a certified provider; never logged, never stored.</summary>
public sealed record SignerCredentials(string Nik, string Passphrase)
{
    /// <inheritdoc />
    public override string ToString() => "SignerCredentials { Nik = ****************, Passphrase = *** }";
}

/// <summary>The signature providers <c>Signing:Provider</c> selects.</summary>
public static class SignatureProviders
{
    /// <summary>The built-in PAdES provider with a certificate from configuration (the default).</summary>
    public const string Local = "Local";

    /// <summary>BSrE (BSSN)'s Esign Client Service: the signer's own certified certificate, unlocked by NIK and passphrase.</summary>
    public const string Bsre = "Bsre";

    /// <summary>The configured provider's name (<see cref="Local"/> or <see cref="Bsre"/>); anything else stops the service at start.</summary>
    public static string Configured(IConfiguration configuration) => (configuration["Signing:Provider"] ?? Local) switch
    {
        var p when string.Equals(p, Local, StringComparison.OrdinalIgnoreCase) => Local,
        var p when string.Equals(p, Bsre, StringComparison.OrdinalIgnoreCase) => Bsre,
        var other => throw new InvalidOperationException($"Signing:Provider '{other}' is not known; use Local or Bsre."),
    };
}

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
