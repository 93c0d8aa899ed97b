using System.Text.Json;
using EOffice.Contracts;
using EOffice.Notification.Email;
using EOffice.Org;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Email;
using MassTransit;

namespace EOffice.Notification.Fanout;

/// <summary>
/// Turns one event into webhook deliveries (for subscriptions to its exchange) and in-app
/// notifications for each person concerned, in the consumer's transaction: idempotent per event and
/// recipient, announced to live streams on commit (NOTIFY), queued for email per the user's preference.
/// </summary>
public sealed class EventFanout(OrgChart org, EmailSettings email)
{
    /// <summary>The LISTEN/NOTIFY channel that tells every replica a user has something new.</summary>
    public const string Channel = "eoffice_notifications";

    /// <summary>Handles one event.</summary>
    public async Task HandleAsync(UnitOfWork uow, object message, Guid messageId, CancellationToken ct)
    {
        await QueueWebhooksAsync(uow, message, messageId);
        foreach (var notice in Notices.For(message))
        {
            foreach (var user in await RecipientsAsync(uow, notice.Audience, ct))
            {
                await NotifyAsync(uow, notice, user, messageId);
            }
        }

        foreach (var withdrawal in Notices.Withdrawn(message))
        {
            await WithdrawAsync(uow, withdrawal);
        }
    }

    /// <summary>
    /// Marks the withdrawn notices read (their unsent emails are dropped) and remembers the withdrawal,
    /// since each event has its own queue: a notice whose event comes later is made read at once.
    /// </summary>
    private static async Task WithdrawAsync(UnitOfWork uow, Withdrawal w)
    {
        await uow.ExecuteAsync("insert into withdrawn_notices (kind, link) values (@Kind, @Link) on conflict do nothing", w);
        await uow.ExecuteAsync(
            """
            with withdrawn as (
                update notifications set read_at = now() where link = @Link and kind = @Kind and read_at is null returning id
            )
            update email_queue set failed_at = now(), last_error = 'withdrawn'
            where notification_id in (select id from withdrawn) and sent_at is null and failed_at is null
            """, w);
    }

    private static async Task QueueWebhooksAsync(UnitOfWork uow, object message, Guid messageId)
    {
        var exchange = ExchangeOf(message.GetType());
        var subscriptions = await uow.QueryAsync<Guid>(
            "select id from webhook_subscriptions where active and @exchange = any(events)", new { exchange });
        if (subscriptions.Count == 0)
        {
            return;
        }

        var payload = JsonSerializer.Serialize(new { id = messageId, @event = exchange, data = message }, JsonSerializerOptions.Web);
        foreach (var subscription in subscriptions)
        {
            await uow.ExecuteAsync(
                """
                insert into webhook_deliveries (id, subscription_id, event, message_id, payload)
                values (@id, @subscription, @exchange, @messageId, @payload)
                on conflict (subscription_id, message_id) do nothing
                """, new { id = Guid.CreateVersion7(), subscription, exchange, messageId, payload });
        }
    }

    private async Task<IReadOnlyList<OrgUser>> RecipientsAsync(UnitOfWork uow, Audience audience, CancellationToken ct)
    {
        var users = new Dictionary<Guid, OrgUser>();
        foreach (var position in audience.Positions)
        {
            foreach (var occupant in await org.OccupantsAsync(position, ct, uow))
            {
                users.TryAdd(occupant.UserId, new OrgUser { Id = occupant.UserId, Name = occupant.Name, Email = occupant.Email });
            }
        }

        if (audience.Role is { } role && audience.AgencyOfUnit is { } unit)
        {
            foreach (var user in await org.UsersWithRoleInUnitsAsync(role, await org.AgencyUnitsAsync(unit, ct, uow), ct, uow))
            {
                users.TryAdd(user.Id, user);
            }
        }

        return users.Values.ToList();
    }

    private async Task NotifyAsync(UnitOfWork uow, Notice notice, OrgUser user, Guid messageId)
    {
        var id = Guid.CreateVersion7();
        var withdrawn = await uow.QuerySingleOrDefaultAsync<bool?>(
            """
            insert into notifications (id, user_id, kind, title, body, link, source_message_id, read_at)
            values (@id, @userId, @Kind, @Title, @Body, @Link, @messageId,
                    (select now() from withdrawn_notices w where w.kind = @Kind and w.link = @Link))
            on conflict (source_message_id, user_id, kind) do nothing
            returning read_at is not null
            """, new { id, userId = user.Id, notice.Kind, notice.Title, notice.Body, notice.Link, messageId });
        if (withdrawn is null or true)
        {
            return; // made already, or withdrawn before its event arrived
        }

        // Delivered to listeners when (and only if) the transaction commits.
        await uow.ExecuteAsync("select pg_notify(@channel, @userId)", new { channel = Channel, userId = user.Id.ToString() });
        if (email.Enabled && !string.IsNullOrWhiteSpace(user.Email)
            && await uow.ExecuteScalarAsync<bool>("select coalesce((select email from preferences where user_id = @userId and kind = @Kind), false)",
                new { userId = user.Id, notice.Kind }))
        {
            await uow.ExecuteAsync(
                "insert into email_queue (id, notification_id, to_address, subject, body) values (@emailId, @id, @to, @Title, @text)",
                new { emailId = Guid.CreateVersion7(), id, to = user.Email, notice.Title, text = EmailText.Body(user.Name, notice, email.PublicUrl) });
        }
    }

    /// <summary>The exchange an event type is published on.</summary>
    public static string ExchangeOf(Type type) =>
        type.GetCustomAttributes(typeof(EntityNameAttribute), false).OfType<EntityNameAttribute>().FirstOrDefault()?.EntityName ?? type.Name;

    /// <summary>Every public event type of the contracts, by exchange name (never the internal ones: webhooks leave the platform).</summary>
    public static readonly IReadOnlyDictionary<string, Type> EventTypes = PublicExchanges.Events;
}
