namespace EOffice.Web.Services;

/// <summary>A file reported with a follow-up (download: <c>/api/dispositions/{id}/files/{fileId}</c>).</summary>
public sealed record FollowUpFile(Guid Id, string FileName, string ContentType, long Size, string Sha256);

/// <summary>A pending change of a document type's numbering scope, from a year on.</summary>
public sealed record ScopeChangeView(string Scope, int FromYear);

/// <summary>A document type as the admin screen shows it: numbering scope in force and a change waiting for next year.</summary>
public sealed record LetterTypeAdmin(string Code, string Name, bool Active, int SortOrder, string NumberingScope, ScopeChangeView? NextNumberingScope);

/// <summary>Create or change a document type.</summary>
public sealed record LetterTypeRequest(string? Code, string? Name, bool? Active, int? SortOrder, string? NumberingScope);

/// <summary>Create or change a disposition instruction.</summary>
public sealed record InstructionRequest(string? Code, string? Text, bool? Active, int? SortOrder);

/// <summary>A webhook subscription (its secret is never shown again after creation).</summary>
public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> Events, bool Active, DateTimeOffset CreatedAt);

/// <summary>Subscribe a URL to events with a shared secret.</summary>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Events, string? Secret);

/// <summary>One delivery attempt.</summary>
public sealed record WebhookAttempt(DateTimeOffset At, int? StatusCode, string? Error, int DurationMs);

/// <summary>A delivery of an event to a subscription, its attempts and the next retry while pending.</summary>
public sealed record WebhookDelivery(Guid Id, string Event, Guid MessageId, string Status, int Attempts, int? LastStatusCode, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, DateTimeOffset? NextAttemptAt, IReadOnlyList<WebhookAttempt> Log);

/// <summary>Record a delegation of signing (admin).</summary>
public sealed record DelegationRequest(Guid? FromPositionId, Guid? ToPositionId, string? Kind, IReadOnlyList<string>? LetterTypes, DateOnly? From, DateOnly? To);
