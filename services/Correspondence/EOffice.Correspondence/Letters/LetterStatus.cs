namespace EOffice.Correspondence.Letters;

/// <summary>Where a letter is in its life.</summary>
public static class LetterStatus
{
    /// <summary>Konsep: editable by its drafter.</summary>
    public const string Draft = "Draft";

    /// <summary>With a reviewer or waiting for the signer.</summary>
    public const string InReview = "InReview";

    /// <summary>Signed, numbered, sealed; not yet sent.</summary>
    public const string Signed = "Signed";

    /// <summary>Delivered to every recipient.</summary>
    public const string Sent = "Sent";

    /// <summary>An incoming letter registered from outside.</summary>
    public const string Received = "Received";

    /// <summary>
    /// Ditarik kembali: a sent letter its signer withdrew before anyone read it. Not stored (the row stays
    /// <see cref="Sent"/>, sealed, with <c>recalled_at</c>); what the API and visibility see.
    /// </summary>
    public const string Recalled = "Recalled";
}

/// <summary>Whether a letter goes out or came in.</summary>
public static class LetterDirection
{
    /// <summary>Drafted here.</summary>
    public const string Outgoing = "Outgoing";

    /// <summary>Registered from outside.</summary>
    public const string Incoming = "Incoming";
}
