namespace EOffice.Correspondence.Documents;

/// <summary>The kop surat of an agency: name lines (largest last), address and contacts, optional PNG logo.</summary>
public sealed record Letterhead(IReadOnlyList<string> Lines, string Address, string? Phone = null, string? Email = null, string? Website = null)
{
    /// <summary>The agency's logo (PNG), if one is stored.</summary>
    public byte[]? Logo { get; init; }

    /// <summary>The kop made from the org chart when the agency stored none: the city and the agency's name.</summary>
    public static Letterhead Default(string cityName, string agencyName, string place) =>
        new([cityName.ToUpperInvariant(), agencyName.ToUpperInvariant()], $"Jl. Margonda Raya No. 54, {place}");
}

/// <summary>
/// Everything printed on a letter, already in words (no I/O, no ids): what <see cref="LetterRenderer"/>
/// lays out. A draft has no number, no date of signing and no verification link.
/// </summary>
public sealed record LetterPaper
{
    public required Guid LetterId { get; init; }
    public required string Type { get; init; }
    public required Letterhead Letterhead { get; init; }
    public required string Place { get; init; }
    public DateOnly? Date { get; init; }
    public string? Number { get; init; }
    public required string Security { get; init; }
    public required string Urgency { get; init; }
    public int AttachmentCount { get; init; }
    public required string Subject { get; init; }
    /// <summary>The addressees; an external one may carry its address on further lines (<c>\n</c>).</summary>
    public IReadOnlyList<string> To { get; init; } = [];
    public IReadOnlyList<string> Cc { get; init; } = [];
    public string? Body { get; init; }

    /// <summary>The event of a Surat Undangan as label and text (<c>hari, tanggal</c>, <c>pukul</c>, <c>tempat</c>, <c>acara</c>), after the body.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Event { get; init; } = [];
    public required string SignerTitle { get; init; }

    /// <summary>For a letter signed for a superior: <c>a.n. Kepala Dinas …</c>, printed above <see cref="SignerTitle"/>.</summary>
    public string? OnBehalfLine { get; init; }
    public string? SignerName { get; init; }
    public string? SignerNip { get; init; }
    public string? VerifyUrl { get; init; }
    public bool Draft { get; init; }

    /// <summary>The instant written into the file (creation date): the signing time, or the draft's last change.</summary>
    public required DateTimeOffset Timestamp { get; init; }
}
