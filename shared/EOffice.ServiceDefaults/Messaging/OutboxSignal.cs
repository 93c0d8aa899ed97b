using EOffice.ServiceDefaults.Background;

namespace EOffice.ServiceDefaults.Messaging;

/// <summary>Wakes the outbox relay right after a commit that wrote events, so they leave at once.</summary>
public sealed class OutboxSignal : WakeSignal;
