-- A signed letter is sealed: its content, number and seal can no longer change, whoever tries.
create function letters_signed_are_immutable() returns trigger language plpgsql as $$
begin
    if old.status in ('Signed', 'Sent') and (
        new.subject is distinct from old.subject or new.summary is distinct from old.summary or new.body is distinct from old.body
        or new.type is distinct from old.type or new.classification_code is distinct from old.classification_code
        or new.security is distinct from old.security or new.urgency is distinct from old.urgency
        or new.number is distinct from old.number or new.letter_date is distinct from old.letter_date
        or new.content_hash is distinct from old.content_hash or new.seal is distinct from old.seal
        or new.verification_code is distinct from old.verification_code or new.signer_position_id is distinct from old.signer_position_id)
    then
        raise exception 'letter % is signed and sealed; its content cannot change', old.id using errcode = 'P0001';
    end if;
    return new;
end
$$;
create trigger letters_immutable_after_signing before update on letters
    for each row execute function letters_signed_are_immutable();

create function attachments_of_signed_letters_are_immutable() returns trigger language plpgsql as $$
begin
    if exists (select 1 from letters where id = coalesce(old.letter_id, new.letter_id) and status in ('Signed', 'Sent')) then
        raise exception 'the attachments of a signed letter cannot change' using errcode = 'P0001';
    end if;
    return coalesce(new, old);
end
$$;
create trigger attachments_immutable_after_signing before update or delete on attachments
    for each row execute function attachments_of_signed_letters_are_immutable();
