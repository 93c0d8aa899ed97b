-- Responses of POSTs sent with an Idempotency-Key, replayed when the same caller retries the same key.
create table idempotency_keys (
    user_id      uuid not null,
    key          text not null,
    method       text not null,
    path         text not null,
    completed    boolean not null default false,
    status       int,
    content_type text,
    location     text,
    etag         text,
    body         bytea,
    created_at   timestamptz not null default now(),
    primary key (user_id, key)
);
create index idempotency_keys_created on idempotency_keys (created_at);
