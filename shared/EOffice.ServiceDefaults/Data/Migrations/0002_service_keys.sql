-- Keys a service signs with (tokens, letter seals), kept so every replica and restart uses the same ones.
create table service_keys (
    kid         text primary key,
    purpose     text not null,
    private_key text not null,
    created_at  timestamptz not null default now(),
    retired_at  timestamptz
);
create index service_keys_purpose on service_keys (purpose, created_at desc);
