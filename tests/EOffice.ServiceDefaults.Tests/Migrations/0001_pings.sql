create table pings (
    id   uuid primary key,
    note text not null
);

-- One row per effect of a consumed Pinged: a duplicate delivery that slipped through would show twice.
create table ping_effects (
    id        uuid primary key,
    ping_id   uuid not null,
    note      text not null
);
