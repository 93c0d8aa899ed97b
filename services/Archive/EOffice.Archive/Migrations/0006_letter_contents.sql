-- The text of letters below Rahasia, from Correspondence's internal letter-content exchange (public events
-- carry no body, and a subject only for Biasa). Kept until the letter's records exist, in whichever order
-- the events arrive; a destroyed record never takes text again.
create table letter_contents (
    letter_id  uuid primary key,
    subject    text not null,
    summary    text,
    body       text,
    received_at timestamptz not null default now()
);
