-- Destroying a letter's records (an approved disposal in Archive) purges its content here too: body,
-- summary and attachment files go; number, metadata, seal hash and the timeline stay.
alter table letters add column purged_at timestamptz;

-- The sealed letter stays immutable except for exactly the purge, which a second trigger checks:
-- once, to nothing, and no other column changes (version and updated_at aside).
drop trigger letters_immutable_after_signing on letters;
create trigger letters_immutable_after_signing before update on letters
    for each row when (old.purged_at is not distinct from new.purged_at)
    execute function letters_signed_are_immutable();

create function letters_purge_is_exact() returns trigger language plpgsql as $$
begin
    if old.purged_at is not null or new.body is not null or new.summary is not null
        or (to_jsonb(new) - array['body', 'summary', 'purged_at', 'version', 'updated_at'])
           is distinct from (to_jsonb(old) - array['body', 'summary', 'purged_at', 'version', 'updated_at'])
    then
        raise exception 'letter %: a purge clears body and summary once and changes nothing else', old.id using errcode = 'P0001';
    end if;
    return new;
end
$$;
create trigger letters_purge_exact before update on letters
    for each row when (old.purged_at is distinct from new.purged_at)
    execute function letters_purge_is_exact();

-- A purged letter's files may be deleted; nothing else about a signed letter's attachments changes.
-- (The schema's search path is fixed on the function: it looks up letters whoever deletes.)
create or replace function attachments_of_signed_letters_are_immutable() returns trigger language plpgsql
set search_path from current as $$
begin
    if exists (select 1 from letters where id = coalesce(old.letter_id, new.letter_id) and status in ('Signed', 'Sent')
               and not (tg_op = 'DELETE' and purged_at is not null)) then
        raise exception 'the attachments of a signed letter cannot change' using errcode = 'P0001';
    end if;
    return coalesce(new, old);
end
$$;
