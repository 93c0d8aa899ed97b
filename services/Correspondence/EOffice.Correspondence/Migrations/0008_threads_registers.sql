-- Replies (balasan): a letter may answer another one; the link makes a thread.
alter table letters add column reply_to_letter_id uuid references letters (id) on delete set null;
create index letters_reply_to on letters (reply_to_letter_id) where reply_to_letter_id is not null;

-- Forwards (teruskan): a received letter passed on to other positions inside the city, with a note.
-- One row per act of forwarding; one target row per position it reached (its inbox entry).
create table letter_forwards (
    id               uuid primary key,
    letter_id        uuid not null references letters (id) on delete cascade,
    from_position_id uuid not null,
    from_user_id     uuid not null,
    from_name        text,
    from_title       text,
    note             text,
    forwarded_at     timestamptz not null default now()
);
create index letter_forwards_letter on letter_forwards (letter_id, forwarded_at);

create table letter_forward_targets (
    id              uuid primary key,
    forward_id      uuid not null references letter_forwards (id) on delete cascade,
    letter_id       uuid not null references letters (id) on delete cascade,
    position_id     uuid not null,
    read_at         timestamptz,
    read_by_user_id uuid
);
create index letter_forward_targets_position on letter_forward_targets (position_id, letter_id);
create index letter_forward_targets_letter on letter_forward_targets (letter_id);

-- Numbering registers: per document type, letters are numbered in their unit's register ('unit', the
-- default) or in their agency's ('agency': the agency unit's own register). A change applies from a
-- year on (the next year when made during one): the scope in force for a year is the row with the
-- greatest from_year not after it; no row means 'unit'.
create table numbering_registers (
    letter_type text not null references letter_types (code) on update cascade on delete cascade,
    from_year   int not null,
    scope       text not null check (scope in ('unit', 'agency')),
    changed_by  uuid,
    changed_at  timestamptz not null default now(),
    primary key (letter_type, from_year)
);
