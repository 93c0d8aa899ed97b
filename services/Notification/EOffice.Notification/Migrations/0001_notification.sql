-- In-app notifications, email preferences and queue, webhook subscriptions and deliveries.
create table notifications (
    id                uuid primary key,
    seq               bigint generated always as identity,
    user_id           uuid not null,
    kind              text not null,
    title             text not null,
    body              text not null,
    link              text,
    source_message_id uuid not null,
    created_at        timestamptz not null default now(),
    read_at           timestamptz,
    -- one notification per event and recipient, however often the event arrives
    constraint notifications_once unique (source_message_id, user_id, kind),
    constraint notifications_seq unique (seq)
);
create index notifications_user on notifications (user_id, seq desc);
create index notifications_unread on notifications (user_id) where read_at is null;

create table preferences (
    user_id uuid not null,
    kind    text not null,
    email   boolean not null,
    primary key (user_id, kind)
);

create table email_queue (
    id              uuid primary key,
    notification_id uuid not null references notifications (id),
    to_address      text not null,
    subject         text not null,
    body            text not null,
    attempts        int not null default 0,
    next_attempt_at timestamptz not null default now(),
    sent_at         timestamptz,
    failed_at       timestamptz,
    last_error      text,
    created_at      timestamptz not null default now()
);
create index email_queue_due on email_queue (next_attempt_at) where sent_at is null and failed_at is null;

create table webhook_subscriptions (
    id         uuid primary key,
    url        text not null,
    events     text[] not null,
    secret     text not null,
    active     boolean not null default true,
    created_by uuid not null,
    created_at timestamptz not null default now()
);

create table webhook_deliveries (
    id               uuid primary key,
    subscription_id  uuid not null references webhook_subscriptions (id) on delete cascade,
    event            text not null,
    message_id       uuid not null,
    payload          text not null,
    status           text not null default 'Pending' check (status in ('Pending', 'Succeeded', 'Failed')),
    attempts         int not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_status_code int,
    last_error       text,
    created_at       timestamptz not null default now(),
    delivered_at     timestamptz,
    constraint webhook_delivery_once unique (subscription_id, message_id)
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'Pending';
create index webhook_deliveries_subscription on webhook_deliveries (subscription_id, created_at desc);

create table webhook_attempts (
    id          uuid primary key,
    delivery_id uuid not null references webhook_deliveries (id) on delete cascade,
    at          timestamptz not null default now(),
    status_code int,
    error       text,
    duration_ms int not null
);
create index webhook_attempts_delivery on webhook_attempts (delivery_id, at);
