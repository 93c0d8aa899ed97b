using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EOffice.ServiceDefaults.Email;

/// <summary>
/// The one loop of an e-mail queue (Notification's notices, Correspondence's letters to external addressees): every
/// <see cref="PollInterval"/> it sends what is due; a failed round is logged and the next waits <see cref="FailurePause"/>.
/// It does nothing while e-mail is disabled.
/// </summary>
public abstract partial class EmailQueueSender : BackgroundService
{
    /// <summary>How often the queue is looked at.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>The pause after a round that failed as a whole (the database or the mail server away).</summary>
    public static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(10);

    protected EmailQueueSender(EmailSettings settings, ILogger logger)
    {
        Settings = settings;
        Logger = logger;
    }

    /// <summary>The SMTP settings shared by every e-mail the platform sends.</summary>
    protected EmailSettings Settings { get; }

    protected ILogger Logger { get; }

    /// <summary>Sends the e-mails that are due; returns how many went out.</summary>
    public abstract Task<int> SendDueAsync(CancellationToken ct);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
                await Task.Delay(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRoundFailed(Logger, GetType().Name, ex.Message);
                await Task.Delay(FailurePause, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: sending e-mail failed: {Message}; it will be retried")]
    private static partial void LogRoundFailed(ILogger logger, string queue, string message);
}
