using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Documents;

/// <summary>
/// The kop surat of an agency, read from Directory's internal endpoint when a letter is printed
/// (<c>Internal:DirectoryUrl</c>, with <c>Internal:Key</c>). None stored: null, and the letter gets the default kop
/// made from the org chart. Directory not answering: a preview gets the default kop (after two seconds), but the
/// official letter is never signed under a kop that is not the agency's — signing answers 503 (after ten seconds)
/// and, rolled back, takes no number.
/// </summary>
public sealed class LetterheadSource(DirectoryClient directory, ILogger<LetterheadSource> logger)
{
    /// <summary>The agency's stored letterhead, or null; <paramref name="forSigning"/>: Directory must answer.</summary>
    public async Task<Letterhead?> FindAsync(Guid agencyUnitId, bool forSigning, CancellationToken ct)
    {
        try
        {
            var a = await directory.LetterheadAsync(agencyUnitId, TimeSpan.FromSeconds(forSigning ? 10 : 2), ct);
            return a is null ? null : new Letterhead(a.Lines, a.Address, a.Phone, a.Email, a.Website) { Logo = a.Logo };
        }
        catch (DirectoryUnavailableException e) when (forSigning)
        {
            logger.LogWarning(e, "The letterhead of unit {UnitId} could not be read from Directory; signing is refused.", agencyUnitId);
            throw new ProblemException(StatusCodes.Status503ServiceUnavailable, "letterhead-unavailable", "Kop surat tidak dapat dibaca",
                "Kop surat instansi tidak dapat dibaca dari layanan direktori. Surat belum ditandatangani dan tidak mendapat nomor; coba lagi nanti.")
            {
                RetryAfter = TimeSpan.FromSeconds(10),
            };
        }
        catch (DirectoryUnavailableException e)
        {
            logger.LogWarning(e, "The letterhead of unit {UnitId} could not be read from Directory; the default kop is printed.", agencyUnitId);
            return null;
        }
    }
}
