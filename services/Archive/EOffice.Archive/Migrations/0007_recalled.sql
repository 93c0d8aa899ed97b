-- Letters their signer recalled (eoffice.letter-recalled) before anyone read them: their records stay, marked
-- recalled, and only the unit's archivists see them. The recall is remembered on its own, since it may
-- arrive before the letter-sent event that makes the records (each event has its own queue).
alter table records add column recalled_at timestamptz;
alter table records add column recall_reason text;

create table recalled_letters (
    letter_id   uuid primary key,
    recalled_at timestamptz not null,
    reason      text not null
);
