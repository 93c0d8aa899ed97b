namespace EOffice.Archive.Classification;

/// <summary>Archive settings (section <c>Archive</c>).</summary>
public sealed class ArchiveSettings
{
    /// <summary>The rule for a code with no known ancestor (it is flagged for an archivist).</summary>
    public RetentionRule DefaultRule { get; set; } = new(2, 5, FinalDisposition.Review);

    /// <summary>How often the lifecycle job runs.</summary>
    public TimeSpan LifecycleInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Records moved per lifecycle batch.</summary>
    public int LifecycleBatchSize { get; set; } = 5000;
}
