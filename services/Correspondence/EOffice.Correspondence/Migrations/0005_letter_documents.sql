-- The official letter as signed: the PDF rendered and digitally signed at signing, and its SHA-256
-- recorded with the letter. Both are as immutable as the seal; the PDF goes only with a purge.
alter table letters add column document_sha256 text;

create table letter_documents (
    letter_id  uuid primary key references letters (id),
    pdf        bytea not null,
    sha256     text not null,
    created_at timestamptz not null default now()
);

create function letter_document_is_sealed() returns trigger language plpgsql
set search_path from current as $$
begin
    if tg_table_name = 'letters' then
        raise exception 'letter %: the sealed document cannot change', old.id using errcode = 'P0001';
    end if;
    if tg_op = 'UPDATE' or not exists (select 1 from letters where id = old.letter_id and purged_at is not null) then
        raise exception 'the signed document of letter % cannot change', old.letter_id using errcode = 'P0001';
    end if;
    return old;
end
$$;
create trigger letters_document_sealed before update on letters
    for each row when (old.document_sha256 is not null and new.document_sha256 is distinct from old.document_sha256)
    execute function letter_document_is_sealed();
create trigger letter_documents_immutable before update or delete on letter_documents
    for each row execute function letter_document_is_sealed();
