using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Signing;

/// <summary>
/// Asks Directory's internal endpoint (like <see cref="PasswordCheck"/>) whether a NIK is the one on
/// record for the signer: a signer gives BSrE only their own NIK. The NIK is never stored here.
/// </summary>
public sealed class NikCheck(DirectoryClient directory)
{
    /// <summary>Throws unless <paramref name="nik"/> is the NIK Directory records for the user.</summary>
    public async Task RequireOwnAsync(Guid userId, string nik, CancellationToken ct)
    {
        NikAnswer answer;
        try
        {
            answer = await directory.CheckNikAsync(userId, nik, ct);
        }
        catch (DirectoryUnavailableException)
        {
            throw Unavailable();
        }

        if (!answer.Registered)
        {
            throw ProblemException.Conflict("nik-missing",
                "NIK Anda belum tercatat di EOffice; minta administrator mengisinya sebelum menandatangani dengan BSrE. Surat belum ditandatangani.");
        }

        if (!answer.Matches)
        {
            throw new ProblemException(StatusCodes.Status403Forbidden, "nik-not-yours", "NIK bukan milik Anda",
                "NIK yang dimasukkan bukan NIK Anda yang tercatat di EOffice. Surat hanya dapat ditandatangani dengan sertifikat Anda sendiri.",
                new Dictionary<string, string[]> { ["nik"] = ["Bukan NIK Anda."] });
        }
    }

    private static ProblemException Unavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, "identity-unavailable", "Layanan tidak tersedia",
            "NIK Anda tidak dapat diperiksa saat ini, jadi surat belum ditandatangani. Coba lagi sebentar lagi.")
        {
            RetryAfter = TimeSpan.FromSeconds(30),
        };
}
