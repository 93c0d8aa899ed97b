-- Official letters (naskah dinas), Permendagri 1/2023.
create table letter_types (
    code       text primary key,
    name       text not null,
    active     boolean not null default true,
    sort_order int not null default 0
);
insert into letter_types (code, name, sort_order) values
    ('Surat Dinas', 'Surat Dinas (official letter)', 1),
    ('Nota Dinas', 'Nota Dinas (internal memo)', 2),
    ('Surat Undangan', 'Surat Undangan (invitation)', 3),
    ('Surat Edaran', 'Surat Edaran (circular)', 4),
    ('Surat Tugas', 'Surat Tugas (assignment)', 5),
    ('Surat Keterangan', 'Surat Keterangan (certificate)', 6),
    ('Berita Acara', 'Berita Acara (minutes)', 7),
    ('Laporan', 'Laporan (report)', 8),
    ('Telaahan Staf', 'Telaahan Staf (staff review)', 9);

create table letters (
    id                  uuid primary key,
    direction           text not null check (direction in ('Outgoing', 'Incoming')),
    type                text not null,
    subject             text not null,
    summary             text,
    body                text,
    classification_code text not null,
    security            text not null check (security in ('Biasa', 'Terbatas', 'Rahasia', 'SangatRahasia')),
    urgency             text not null check (urgency in ('Biasa', 'Segera', 'SangatSegera')),
    status              text not null check (status in ('Draft', 'InReview', 'Signed', 'Sent', 'Received')),
    drafter_user_id     uuid not null,
    drafter_position_id uuid,
    unit_id             uuid,
    signer_position_id  uuid,
    signed_by_user_id   uuid,
    review_step         int not null default 0,
    number              text,
    number_scope        text,
    number_sequence     int,
    letter_date         date,
    signed_at           timestamptz,
    content_hash        text,
    seal                text,
    seal_key_id         text,
    verification_code   text,
    sent_at             timestamptz,
    sender_institution  text,
    sender_number       text,
    sender_date         date,
    received_at         timestamptz,
    agenda_number       text,
    agenda_scope        text,
    agenda_sequence     int,
    version             int not null default 1,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
-- Gapless, unique numbers per scope (unit and year) are a constraint, not only a habit.
create unique index letters_number_unique on letters (number_scope, number_sequence) where number_sequence is not null;
create unique index letters_agenda_unique on letters (agenda_scope, agenda_sequence) where agenda_sequence is not null;
create unique index letters_verification_code on letters (verification_code) where verification_code is not null;
create index letters_drafter on letters (drafter_user_id, status);
create index letters_signer on letters (signer_position_id, status);
create index letters_search on letters using gin (to_tsvector('simple', subject || ' ' || coalesce(number, '') || ' ' || coalesce(agenda_number, '')));

create table letter_reviewers (
    letter_id   uuid not null references letters (id) on delete cascade,
    step        int not null,
    position_id uuid not null,
    primary key (letter_id, step)
);
create index letter_reviewers_position on letter_reviewers (position_id);

create table review_decisions (
    id          uuid primary key,
    letter_id   uuid not null references letters (id) on delete cascade,
    step        int not null,
    position_id uuid not null,
    user_id     uuid not null,
    decision    text not null check (decision in ('approve', 'return')),
    comment     text,
    decided_at  timestamptz not null default now()
);
create index review_decisions_letter on review_decisions (letter_id, decided_at);

create table letter_recipients (
    id               uuid primary key,
    letter_id        uuid not null references letters (id) on delete cascade,
    ordinal          int not null,
    cc               boolean not null,
    position_id      uuid,
    unit_id          uuid,
    external_name    text,
    external_address text,
    external_email   text,
    -- the position the letter landed with (a unit's head at sending time)
    target_position_id uuid,
    delivered_at     timestamptz,
    dispatched_at    timestamptz,
    read_at          timestamptz,
    read_by_user_id  uuid,
    constraint recipient_kind check (num_nonnulls(position_id, unit_id, external_name) = 1)
);
create index letter_recipients_letter on letter_recipients (letter_id);
create index letter_recipients_target on letter_recipients (target_position_id, delivered_at desc);

create table attachments (
    id           uuid primary key,
    letter_id    uuid not null references letters (id) on delete cascade,
    file_name    text not null,
    content_type text not null,
    size         bigint not null,
    sha256       text not null,
    content      bytea not null,
    uploaded_by  uuid not null,
    uploaded_at  timestamptz not null default now()
);
create index attachments_letter on attachments (letter_id);

-- The last number used per scope; the row lock held until commit keeps numbers gapless.
create table numbering_counters (
    scope      text primary key,
    last_value int not null
);

-- A unit's own number format; without a row the default applies.
create table numbering_formats (
    unit_id uuid primary key,
    format  text not null
);

create table timeline (
    id          uuid primary key,
    letter_id   uuid not null references letters (id) on delete cascade,
    at          timestamptz not null default now(),
    actor_user_id uuid,
    actor_name  text,
    actor_position_id uuid,
    action      text not null,
    detail      jsonb
);
create index timeline_letter on timeline (letter_id, at, id);

-- Positions that may see a letter because a disposition reached them (from Disposition's events).
create table letter_disposition_positions (
    letter_id   uuid not null,
    position_id uuid not null,
    primary key (letter_id, position_id)
);

create function timeline_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the letter timeline is append-only';
end
$$;
create trigger timeline_no_update before update on timeline for each row execute function timeline_is_append_only();
