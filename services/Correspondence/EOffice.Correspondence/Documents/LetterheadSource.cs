using System.Collections.Concurrent;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Documents;

/// <summary>
/// The kop surat of an agency, read from Directory's internal endpoint when a letter is printed
/// (<c>Internal:DirectoryUrl</c>, with <c>Internal:Key</c>). None stored: null, and the letter gets the default kop
/// made from the org chart. Directory not answering: a preview gets the default kop (after two seconds), but the
/// official letter is never signed under a kop that is not the agency's — signing answers 503 (after ten seconds)
/// and, rolled back, takes no number.
/// Callers asking for the same agency's kop at the same time share one request (a burst of signings in one
/// agency asks Directory once, not once per letter); nothing is kept after it answers, so a changed kop applies
/// to every letter printed after the change.
/// </summary>
public sealed class LetterheadSource(DirectoryClient directory, ILogger<LetterheadSource> logger)
{
    /// <summary>How long a signing waits for Directory's answer before it is refused.</summary>
    public static readonly TimeSpan SigningDeadline = TimeSpan.FromSeconds(10);

    /// <summary>How long a preview waits before it is printed under the default kop.</summary>
    public static readonly TimeSpan PreviewDeadline = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<(Guid Unit, bool ForSigning), Lazy<Task<LetterheadAnswer?>>> inFlight = new();

    /// <summary>The agency's stored letterhead, or null; <paramref name="forSigning"/>: Directory must answer.</summary>
    public async Task<Letterhead?> FindAsync(Guid agencyUnitId, bool forSigning, CancellationToken ct)
    {
        try
        {
            var a = await SharedAsync(agencyUnitId, forSigning).WaitAsync(ct);
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

    /// <summary>
    /// The request in flight for this agency (and this deadline), or a new one. It runs to its own deadline whoever
    /// stops waiting, and leaves the table when it ends.
    /// </summary>
    private Task<LetterheadAnswer?> SharedAsync(Guid unitId, bool forSigning)
    {
        var key = (unitId, forSigning);
        Lazy<Task<LetterheadAnswer?>>? fresh = null;
        fresh = new(() => FetchAsync(key, fresh!));
        return inFlight.GetOrAdd(key, fresh).Value;
    }

    private async Task<LetterheadAnswer?> FetchAsync((Guid Unit, bool ForSigning) key, Lazy<Task<LetterheadAnswer?>> entry)
    {
        try
        {
            return await directory.LetterheadAsync(key.Unit, key.ForSigning ? SigningDeadline : PreviewDeadline, CancellationToken.None);
        }
        finally
        {
            // Only this request's entry: a later one for the same agency stays.
            inFlight.TryRemove(KeyValuePair.Create(key, entry));
        }
    }
}
