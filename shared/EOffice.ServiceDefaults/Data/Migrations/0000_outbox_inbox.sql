-- Infrastructure every service schema has: the transactional outbox and the idempotent inbox.
create table outbox (
    id           uuid primary key,
    seq          bigint generated always as identity,
    message_type text not null,
    exchange     text not null,
    payload      jsonb not null,
    trace_parent text,
    created_at   timestamptz not null default now(),
    sent_at      timestamptz,
    attempts     int not null default 0,
    last_error   text
);
create index outbox_unsent on outbox (seq) where sent_at is null;
create index outbox_sent_at on outbox (sent_at) where sent_at is not null;

create table inbox (
    consumer    text not null,
    message_id  uuid not null,
    received_at timestamptz not null default now(),
    primary key (consumer, message_id)
);

-- Append-only audit trail: who changed what, when, in which request.
create table audit_log (
    id            uuid primary key,
    at            timestamptz not null default now(),
    actor_user_id uuid,
    action        text not null,
    entity        text not null,
    entity_id     uuid,
    detail        jsonb,
    request_id    text
);
create index audit_log_entity on audit_log (entity, entity_id);
