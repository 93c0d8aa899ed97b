namespace EOffice.Correspondence.Attachments;

/// <summary>Attachment settings (section <c>Correspondence:Attachments</c>).</summary>
public sealed class AttachmentSettings
{
    /// <summary>Largest file, in bytes (25 MB by default).</summary>
    public long MaxBytes { get; set; } = 25 * 1024 * 1024;
}
