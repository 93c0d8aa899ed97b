using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace EOffice.ServiceDefaults.Email;

/// <summary>
/// The platform's SMTP settings (section <c>Notification:Email</c>, e.g. <c>Notification__Email__Host</c>):
/// one set of keys for every service that sends e-mail (Notification's notices, Correspondence's letters
/// to external addressees). Off by default.
/// </summary>
public sealed class EmailSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Notification:Email";

    /// <summary>Whether email is sent at all.</summary>
    public bool Enabled { get; set; }

    /// <summary>SMTP server.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>SMTP port.</summary>
    public int Port { get; set; } = 587;

    /// <summary>TLS: <c>Auto</c>, <c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c>.</summary>
    public string Security { get; set; } = "Auto";

    /// <summary>User name (none: no authentication).</summary>
    public string? Username { get; set; }

    /// <summary>Password.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address.</summary>
    public string From { get; set; } = "EOffice <no-reply@eoffice.local>";

    /// <summary>The public URL links in emails point to.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Attempts before an email is given up (with growing pauses between them).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first pause after a failure; each next one doubles.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The pause before attempt <paramref name="attempts"/> + 1 after <paramref name="attempts"/> failed ones.</summary>
    public TimeSpan Backoff(int attempts) => RetryDelay * Math.Pow(2, Math.Max(0, attempts - 1));

    /// <summary>A connected (and, with a user name, authenticated) SMTP client; the caller disposes it.</summary>
    public async Task<SmtpClient> ConnectAsync(CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = 15000 };
        try
        {
            await client.ConnectAsync(Host, Port, Enum.Parse<SecureSocketOptions>(Security, ignoreCase: true), ct);
            if (!string.IsNullOrEmpty(Username))
            {
                await client.AuthenticateAsync(Username, Password ?? "", ct);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>A message from <see cref="From"/> to one address.</summary>
    public MimeMessage Message(string to, string subject)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        return message;
    }
}

/// <summary>Registers <see cref="EmailSettings"/>.</summary>
public static class EmailSettingsExtensions
{
    /// <summary>Reads <see cref="EmailSettings"/> from <see cref="EmailSettings.Section"/> as a singleton.</summary>
    public static WebApplicationBuilder AddEmailSettings(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(EmailSettings.Section).Get<EmailSettings>() ?? new EmailSettings());
        return builder;
    }
}
