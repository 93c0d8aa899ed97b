-- A local copy of the org chart, kept from Directory's eoffice.org-changed events and its snapshot,
-- so this service keeps working while Directory is down. changed_at orders competing updates.
create table org_units (
    id         uuid primary key,
    code       text not null,
    name       text not null,
    parent_id  uuid,
    active     boolean not null,
    changed_at timestamptz not null
);

create table org_positions (
    id             uuid primary key,
    title          text not null,
    unit_id        uuid not null,
    superior_id    uuid,
    is_unit_head   boolean not null,
    holder_user_id uuid,
    active         boolean not null,
    changed_at     timestamptz not null
);
create index org_positions_superior on org_positions (superior_id);
create index org_positions_unit on org_positions (unit_id);
create index org_positions_holder on org_positions (holder_user_id);

create table org_acting (
    id          uuid primary key,
    position_id uuid not null,
    user_id     uuid not null,
    kind        text not null,
    from_date   date not null,
    to_date     date not null
);
create index org_acting_user on org_acting (user_id, from_date, to_date);
create index org_acting_position on org_acting (position_id);

create table org_users (
    id          uuid primary key,
    nip         text not null,
    name        text not null,
    email       text not null,
    position_id uuid,
    roles       text[] not null,
    active      boolean not null,
    changed_at  timestamptz not null
);
create index org_users_position on org_users (position_id);
