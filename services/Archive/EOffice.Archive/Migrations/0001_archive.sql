-- Records (arsip) with classification (Permendagri 83/2022), retention (JRA), holds and disposal.
create extension if not exists pg_trgm;

create table classifications (
    code              text primary key,
    parent_code       text references classifications (code),
    title             text not null,
    active_years      int check (active_years >= 0),
    inactive_years    int check (inactive_years >= 0),
    final_disposition text check (final_disposition in ('Destroy', 'Permanent', 'Review')),
    -- a code without its own rule inherits its parent's: all three are set, or none
    constraint classification_rule_whole check (
        (active_years is null and inactive_years is null and final_disposition is null)
        or (active_years is not null and inactive_years is not null and final_disposition is not null))
);

insert into classifications (code, parent_code, title, active_years, inactive_years, final_disposition) values
    ('000', null, 'Umum', 2, 3, 'Destroy'),
    ('100', null, 'Pemerintahan', 2, 5, 'Review'),
    ('200', null, 'Politik', 2, 5, 'Review'),
    ('300', null, 'Keamanan dan Ketertiban', 2, 5, 'Review'),
    ('400', null, 'Kesejahteraan Rakyat', 2, 5, 'Review'),
    ('500', null, 'Perekonomian', 2, 5, 'Review'),
    ('600', null, 'Pekerjaan Umum dan Ketenagaan', 3, 7, 'Review'),
    ('700', null, 'Pengawasan', 2, 8, 'Permanent'),
    ('800', null, 'Kepegawaian', 2, 5, 'Review'),
    ('900', null, 'Keuangan', 2, 8, 'Destroy');
insert into classifications (code, parent_code, title, active_years, inactive_years, final_disposition) values
    ('000.1', '000', 'Ketatausahaan dan Kerumahtanggaan', null, null, null),
    ('000.1.2', '000.1', 'Persuratan', 1, 2, 'Destroy'),
    ('000.5', '000', 'Perlengkapan', 2, 3, 'Destroy'),
    ('000.9', '000', 'Kearsipan', 2, 8, 'Permanent'),
    ('100.1', '100', 'Otonomi Daerah', 5, 10, 'Permanent'),
    ('700.1', '700', 'Pengawasan Internal', 2, 8, 'Permanent'),
    ('800.1', '800', 'Sumber Daya Manusia', null, null, null),
    ('800.1.11', '800.1', 'Formasi dan Pengadaan Pegawai', 2, 3, 'Destroy'),
    ('800.2', '800', 'Pengembangan Kompetensi', 2, 3, 'Destroy'),
    ('900.1', '900', 'Anggaran', 2, 8, 'Permanent');

create table files (
    id                  uuid primary key,
    unit_id             uuid not null,
    classification_code text not null,
    description         text not null,
    period_from         date,
    period_to           date,
    created_by          uuid not null,
    created_at          timestamptz not null default now()
);

create table records (
    id                      uuid primary key,
    letter_id               uuid not null,
    unit_id                 uuid not null,
    direction               text not null check (direction in ('Outgoing', 'Incoming')),
    number                  text not null,
    type                    text,
    subject                 text,
    summary                 text,
    body                    text,
    names                   text not null default '',
    classification_code     text not null,
    classification_known    boolean not null,
    security                text not null,
    letter_date             date not null,
    involved_positions      uuid[] not null default '{}',
    state                   text not null check (state in ('Active', 'Inactive', 'DueForDisposal', 'Destroyed', 'Permanent')),
    active_until            date not null,
    inactive_until          date not null,
    final_disposition       text not null,
    hold                    boolean not null default false,
    hold_reason             text,
    file_id                 uuid references files (id),
    dispositions_completed_at timestamptz,
    destroyed_at            timestamptz,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    -- the search document: Indonesian stems (applied twice, so pegawai and kepegawaian meet) and exact words
    doc                     tsvector not null,
    constraint records_one_per_unit unique (letter_id, unit_id)
);
create index records_doc on records using gin (doc);
create index records_number_trgm on records using gin (number gin_trgm_ops);
create index records_names_trgm on records using gin (names gin_trgm_ops);
create index records_unit_date on records (unit_id, letter_date desc, id desc);
create index records_date on records (letter_date desc, id desc);
create index records_involved on records using gin (involved_positions);
create index records_lifecycle on records (state, active_until, inactive_until) where state in ('Active', 'Inactive');
create index records_classification on records (classification_code text_pattern_ops);

create table disposal_proposals (
    id            uuid primary key,
    unit_id       uuid,
    status        text not null check (status in ('Proposed', 'Approved')),
    legal_basis   text not null,
    proposed_by   uuid not null,
    proposed_at   timestamptz not null default now(),
    approved_by   uuid,
    approved_at   timestamptz,
    minutes       text
);

create table disposal_proposal_records (
    proposal_id uuid not null references disposal_proposals (id),
    record_id   uuid not null references records (id),
    primary key (proposal_id, record_id)
);

-- Indonesian stems applied twice: the snowball stemmer leaves "pegawai" as gawa but "kepegawaian" as
-- gawai; a second pass brings both to gawa.
create function id_stem(t text) returns text language sql immutable parallel safe as $$
    select coalesce(string_agg(l, ' '), '') from unnest(tsvector_to_array(to_tsvector('indonesian', coalesce(t, '')))) l
$$;

create function search_doc(subject text, summary text, body text, names text, number text) returns tsvector
language sql immutable parallel safe as $$
    select setweight(to_tsvector('indonesian', id_stem(subject)), 'A')
        || setweight(to_tsvector('indonesian', id_stem(summary)), 'B')
        || setweight(to_tsvector('indonesian', id_stem(coalesce(body, '') || ' ' || coalesce(names, ''))), 'C')
        || setweight(to_tsvector('simple', concat_ws(' ', subject, summary, body, names, number)), 'D')
$$;

-- A query matches stems (all words) or the exact words (all words, e.g. names the stemmer would cut).
create function search_query(q text) returns tsquery language sql immutable parallel safe as $$
    select plainto_tsquery('indonesian', id_stem(q)) || plainto_tsquery('simple', q)
$$;
