-- Org chart and identity (Permendagri 1/2023: letters go to positions, not people).
create table units (
    id         uuid primary key,
    code       text not null,
    name       text not null,
    parent_id  uuid references units (id),
    active     boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint units_code_unique unique (code),
    constraint units_code_format check (code ~ '^[A-Z0-9][A-Z0-9_-]{0,39}$'),
    constraint units_not_own_parent check (parent_id is null or parent_id <> id)
);
create index units_parent on units (parent_id);

create table positions (
    id           uuid primary key,
    title        text not null,
    unit_id      uuid not null references units (id),
    superior_id  uuid references positions (id),
    is_unit_head boolean not null default false,
    active       boolean not null default true,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint positions_not_own_superior check (superior_id is null or superior_id <> id)
);
create index positions_unit on positions (unit_id);
create index positions_superior on positions (superior_id);
create unique index positions_one_head_per_unit on positions (unit_id) where is_unit_head and active;

create table users (
    id            uuid primary key,
    nip           text not null,
    name          text not null,
    email         text not null,
    phone         text,
    password_hash text not null,
    roles         text[] not null default '{staff}',
    position_id   uuid references positions (id),
    active        boolean not null default true,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint users_nip_unique unique (nip),
    constraint users_nip_format check (nip ~ '^[0-9]{18}$'),
    constraint users_one_per_position unique (position_id)
);
create unique index users_email_unique on users (lower(email));
create index users_name on users (lower(name), id);

-- Plt (pelaksana tugas) / Plh (pelaksana harian): acting holders for a date range, inclusive.
create table acting_assignments (
    id          uuid primary key,
    position_id uuid not null references positions (id),
    user_id     uuid not null references users (id),
    kind        text not null check (kind in ('Plt', 'Plh')),
    from_date   date not null,
    to_date     date not null,
    created_at  timestamptz not null default now(),
    constraint acting_dates check (to_date >= from_date)
);
create index acting_position on acting_assignments (position_id, from_date, to_date);
create index acting_user on acting_assignments (user_id);

create table refresh_tokens (
    id          uuid primary key,
    user_id     uuid not null references users (id),
    token_hash  text not null unique,
    expires_at  timestamptz not null,
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz,
    replaced_by uuid
);
create index refresh_tokens_user on refresh_tokens (user_id);
