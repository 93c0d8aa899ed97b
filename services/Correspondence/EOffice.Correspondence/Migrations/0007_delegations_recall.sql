-- Delegations (a.n./u.b.): an admin records that one position may sign for another, for some letter
-- types, from one WIB date to another (inclusive). Checked when a draft names the delegator and again
-- at signing; a signed letter keeps what it was signed as, so a delegation may be deleted later.
create table delegations (
    id               uuid primary key,
    from_position_id uuid not null,
    to_position_id   uuid not null,
    kind             text not null check (kind in ('an', 'ub')),
    letter_types     text[] not null check (cardinality(letter_types) > 0),
    from_date        date not null,
    to_date          date not null,
    created_by       uuid not null,
    created_at       timestamptz not null default now(),
    check (from_date <= to_date),
    check (from_position_id <> to_position_id)
);
create index delegations_to on delegations (to_position_id, to_date);

-- The delegator a draft is signed for, and, recorded at signing, how and as whom (the delegator's title then).
alter table letters add column on_behalf_of_position_id uuid;
alter table letters add column on_behalf_kind text check (on_behalf_kind in ('an', 'ub'));
alter table letters add column on_behalf_title text;

-- A recall (penarikan) by the signer before any internal recipient read the letter: the letter stays
-- (number, seal, timeline), its recipients no longer see it.
alter table letters add column recalled_at timestamptz;
alter table letters add column recall_reason text;
alter table letters add column recalled_by_user_id uuid;
