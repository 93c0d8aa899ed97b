using EOffice.Contracts;
using EOffice.Disposition;
using EOffice.Testing;

namespace EOffice.Disposition.Tests;

/// <summary>Real Directory and real Disposition on a throwaway database and virtual host.</summary>
public sealed class DispositionFixture : ServiceFixture<DispositionApp>
{
    // Diskominfo's chain: agency head → division head → section head → staff.
    public const string AgencyHead = "hendra.gunawan@eoffice.local";
    public const string DivisionHead = "yusuf.maulana@eoffice.local";
    public const string SectionHead = "lina.marlina@eoffice.local";
    public const string Staff = "fajar.nugroho@eoffice.local";
    public const string OtherDivisionHead = "sri.lestari@eoffice.local";
    public const string OtherAgencyHead = "imam.santoso@eoffice.local";

    protected override string Schema => "disposition";

    public Guid AgencyHeadPosition => Position("Kepala Dinas Komunikasi dan Informatika");

    public Guid DivisionHeadPosition => Position("Kepala Bidang Aplikasi Informatika");

    public Guid SectionHeadPosition => Position("Kepala Seksi Pengembangan Aplikasi");

    public Guid StaffPosition => Position("Pranata Komputer Ahli Pertama");

    /// <summary>Delivers a letter to a position the way Correspondence does: a letter-received event on the broker.</summary>
    public async Task<Guid> ReceiveAsync(Guid positionId, string urgency = "Segera", Guid? messageId = null, Guid? letterId = null, string security = "Biasa")
    {
        var id = letterId ?? Guid.CreateVersion7();
        var open = SecurityLevels.SubjectIsPublic(security);
        await PublishAsync(new LetterReceived(id, "AG/7/DISKOMINFO/2026", open ? "Permintaan data implementasi SPBE" : null, security, urgency, positionId,
            Guid.Empty, false, true, "000", new DateOnly(2026, 11, 20), Guid.Empty, DateTimeOffset.UtcNow)
        {
            Sender = "Kementerian Dalam Negeri",
            AgendaNumber = "AG/7/DISKOMINFO/2026",
            SenderNumber = "400.10.2/1187/BPD",
            SenderDate = new DateOnly(2026, 11, 20),
            ReceivedAt = new DateTimeOffset(2026, 11, 23, 1, 15, 0, TimeSpan.Zero),
        }, messageId);
        await Eventually.HoldsAsync(async () => await ScalarAsync<int>(
            "select count(*)::int from disposition.letter_receipts where letter_id = @id and position_id = @positionId", new { id, positionId }) == 1,
            "the letter-received event was consumed");
        return id;
    }

    /// <summary>The largest follow-up file in tests (small, so the limit is cheap to cross).</summary>
    public const int MaxFileBytes = 64 * 1024;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Disposition:OverdueCheckInterval"] = "01:00:00";
        settings["Disposition:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Disposition:MaxFilesPerFollowUp"] = "3";
    }
}
