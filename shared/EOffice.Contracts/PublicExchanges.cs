using System.Reflection;
using MassTransit;

namespace EOffice.Contracts;

/// <summary>
/// Which exchanges city systems (webhooks, broker subscribers) may receive: every event of this
/// assembly except those named <c>eoffice.internal.*</c>, which carry text that stays inside the
/// platform (API.md, "What leaves the platform"). The broker's read-only city user cannot bind to them.
/// </summary>
public static class PublicExchanges
{
    /// <summary>The prefix of exchanges that never leave the platform.</summary>
    public const string InternalPrefix = "eoffice.internal.";

    /// <summary>Every event type by its exchange name, internal ones included.</summary>
    public static readonly IReadOnlyDictionary<string, Type> AllEvents = typeof(PublicExchanges).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<EntityNameAttribute>() is not null)
        .ToDictionary(t => t.GetCustomAttribute<EntityNameAttribute>()!.EntityName, t => t, StringComparer.Ordinal);

    /// <summary>The public event types by exchange name.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Events = AllEvents
        .Where(e => IsPublic(e.Key))
        .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>Whether an exchange may be received outside the platform.</summary>
    public static bool IsPublic(string exchange) => !exchange.StartsWith(InternalPrefix, StringComparison.Ordinal);
}
