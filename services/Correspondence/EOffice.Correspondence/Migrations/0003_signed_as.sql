-- Who signed as what, recorded at signing: an acting holder signs as "Plt. <title>" or "Plh. <title>",
-- and that stays true on /verify, the letter and its timeline after the acting period ends.
alter table letters add column signed_as text check (signed_as in ('Plt', 'Plh'));
alter table letters add column signer_title text;
alter table timeline add column actor_title text;

create or replace function letters_signed_are_immutable() returns trigger language plpgsql as $$
begin
    if old.status in ('Signed', 'Sent') and (
        new.subject is distinct from old.subject or new.summary is distinct from old.summary or new.body is distinct from old.body
        or new.type is distinct from old.type or new.classification_code is distinct from old.classification_code
        or new.security is distinct from old.security or new.urgency is distinct from old.urgency
        or new.number is distinct from old.number or new.letter_date is distinct from old.letter_date
        or new.content_hash is distinct from old.content_hash or new.seal is distinct from old.seal
        or new.verification_code is distinct from old.verification_code or new.signer_position_id is distinct from old.signer_position_id
        or new.signed_by_user_id is distinct from old.signed_by_user_id or new.signed_as is distinct from old.signed_as
        or new.signer_title is distinct from old.signer_title)
    then
        raise exception 'letter % is signed and sealed; its content cannot change', old.id using errcode = 'P0001';
    end if;
    return new;
end
$$;
