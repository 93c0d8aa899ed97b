namespace EOffice.ServiceDefaults.Data;

/// <summary>
/// The Idempotency-Key a request holds while it runs (set by the idempotency middleware); every
/// <see cref="UnitOfWork"/> the request commits marks it carried out in the same transaction.
/// </summary>
public sealed record IdempotencyClaim(Guid UserId, string Key)
{
    private static readonly AsyncLocal<IdempotencyClaim?> Ambient = new();

    /// <summary>The claim of the request running on this async flow, if any.</summary>
    public static IdempotencyClaim? Current
    {
        get => Ambient.Value;
        internal set => Ambient.Value = value;
    }
}
