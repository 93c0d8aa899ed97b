-- Dispositions (lembar disposisi): routing a received letter down the position tree.
create table instructions (
    code       text primary key,
    text       text not null,
    active     boolean not null default true,
    sort_order int not null default 0
);
insert into instructions (code, text, sort_order) values
    ('Untuk diketahui', 'Untuk diketahui', 1),
    ('Untuk ditindaklanjuti', 'Untuk ditindaklanjuti', 2),
    ('Tanggapan dan saran', 'Tanggapan dan saran', 3),
    ('Proses lebih lanjut', 'Proses lebih lanjut', 4),
    ('Koordinasikan', 'Koordinasikan', 5),
    ('Hadiri/wakili', 'Hadiri/wakili', 6),
    ('Siapkan jawaban', 'Siapkan jawaban', 7),
    ('Arsipkan', 'Arsipkan', 8);

-- Who received which letter (from Correspondence's letter-received events): the right to dispose it.
create table letter_receipts (
    letter_id           uuid not null,
    position_id         uuid not null,
    number              text not null,
    agenda_number       text,
    subject             text,
    sender              text,
    security            text not null,
    urgency             text not null,
    classification_code text not null,
    letter_date         date,
    cc                  boolean not null,
    incoming            boolean not null,
    received_at         timestamptz not null,
    primary key (letter_id, position_id)
);
create index letter_receipts_position on letter_receipts (position_id);

create table dispositions (
    id               uuid primary key,
    letter_id        uuid not null,
    parent_id        uuid references dispositions (id),
    from_position_id uuid not null,
    from_user_id     uuid not null,
    to_position_id   uuid not null,
    instructions     text[] not null,
    note             text,
    due_at           timestamptz not null,
    priority         text not null default 'Normal' check (priority in ('Low', 'Normal', 'High')),
    status           text not null default 'Open' check (status in ('Open', 'Read', 'InProgress', 'Completed', 'Cancelled')),
    read_at          timestamptz,
    read_by_user_id  uuid,
    completed_at     timestamptz,
    cancelled_at     timestamptz,
    overdue_at       timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index dispositions_letter on dispositions (letter_id, created_at);
create index dispositions_to on dispositions (to_position_id, created_at desc);
create index dispositions_from on dispositions (from_position_id, created_at desc);
create index dispositions_due on dispositions (due_at) where overdue_at is null and status not in ('Completed', 'Cancelled');

create table follow_ups (
    id             uuid primary key,
    disposition_id uuid not null references dispositions (id),
    user_id        uuid not null,
    position_id    uuid not null,
    note           text not null,
    attachment_ref text,
    created_at     timestamptz not null default now()
);
create index follow_ups_disposition on follow_ups (disposition_id, created_at);
