using EOffice.ServiceDefaults.Background;
using Microsoft.Extensions.Logging;

namespace EOffice.ServiceDefaults.Email;

/// <summary>
/// The one loop of an e-mail queue (Notification's notices, Correspondence's letters to external addressees): every
/// <see cref="PollInterval"/> it sends what is due; after a round that failed as a whole the next waits
/// <see cref="FailurePause"/>, doubling while it keeps failing up to <see cref="MaxFailurePause"/>.
/// It does nothing while e-mail is disabled.
/// </summary>
public abstract class EmailQueueSender(EmailSettings settings, TimeProvider time, ILogger logger)
    : PollingService(new PollingSchedule(PollInterval) { FirstRetry = FailurePause, MaxRetry = MaxFailurePause }, time, logger)
{
    /// <summary>How often the queue is looked at.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>The pause after a round that failed as a whole (the database or the mail server away).</summary>
    public static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(10);

    /// <summary>The longest pause while rounds keep failing.</summary>
    public static readonly TimeSpan MaxFailurePause = TimeSpan.FromSeconds(30);

    /// <summary>The SMTP settings shared by every e-mail the platform sends.</summary>
    protected EmailSettings Settings { get; } = settings;

    /// <inheritdoc />
    protected override bool Enabled => Settings.Enabled;

    /// <summary>Sends the e-mails that are due; returns how many went out.</summary>
    public abstract Task<int> SendDueAsync(CancellationToken ct);

    /// <inheritdoc />
    protected override async Task<PollResult> PollAsync(CancellationToken ct)
    {
        await SendDueAsync(ct);
        return PollResult.Wait;
    }
}
