-- The kop surat of an agency (a unit directly below the city): name lines, address, contacts and a PNG logo.
create table letterheads (
    unit_id    uuid primary key references units (id),
    lines      text[] not null,
    address    text not null,
    phone      text,
    email      text,
    website    text,
    logo       bytea,
    updated_at timestamptz not null default now()
);
