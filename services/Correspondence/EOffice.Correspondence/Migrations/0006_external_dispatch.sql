-- Surat Undangan: the event it invites to ({ date, startTime, endTime?, place, agenda? }), printed on
-- the letter and, like its content, unchangeable once signed.
alter table letters add column event jsonb;

create function letter_event_is_sealed() returns trigger language plpgsql as $$
begin
    raise exception 'letter % is signed and sealed; its event cannot change', old.id using errcode = 'P0001';
end
$$;
create trigger letters_event_sealed before update on letters
    for each row when (old.status in ('Signed', 'Sent') and new.event is distinct from old.event)
    execute function letter_event_is_sealed();

-- How each external addressee of a sent letter gets it, recorded in the sending transaction (so a
-- crash loses nothing): by e-mail (queued -> sent, or failed and retried with a growing pause until
-- given up: next_attempt_at null) by the background mailer, or on paper (pending -> dispatched) by
-- the secretariat of the sending agency.
create table letter_dispatches (
    id                    uuid primary key,
    letter_id             uuid not null references letters (id),
    recipient_id          uuid not null unique references letter_recipients (id) on delete cascade,
    unit_id               uuid,
    name                  text not null,
    address               text,
    email                 text,
    method                text not null check (method in ('email', 'paper')),
    state                 text not null check (state in ('queued', 'sent', 'failed', 'pending', 'dispatched')),
    attempts              int not null default 0,
    last_error            text,
    next_attempt_at       timestamptz,
    sent_at               timestamptz,
    dispatched_at         timestamptz,
    dispatched_by_user_id uuid,
    dispatched_by_name    text,
    courier               text,
    tracking_number       text,
    note                  text,
    created_at            timestamptz not null default now()
);
create index letter_dispatches_letter on letter_dispatches (letter_id);
create index letter_dispatches_due on letter_dispatches (next_attempt_at) where method = 'email' and state in ('queued', 'failed');
create index letter_dispatches_list on letter_dispatches (state, created_at, id);
