namespace EOffice.Disposition.Dispositions;

/// <summary>Disposition settings (section <c>Disposition</c>).</summary>
public sealed class DispositionSettings
{
    /// <summary>Working days a <c>Biasa</c> letter's disposition is due in.</summary>
    public int BiasaWorkingDays { get; set; } = 5;

    /// <summary>How often overdue dispositions are looked for.</summary>
    public TimeSpan OverdueCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest file reported with a follow-up, in bytes (25 MB by default, as letter attachments).</summary>
    public long MaxFileBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Most files one follow-up may carry.</summary>
    public int MaxFilesPerFollowUp { get; set; } = 5;
}
