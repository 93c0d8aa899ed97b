-- Files reported with a follow-up (tindak lanjut): kept in this service's schema, checked like letter attachments
-- (shared UploadedFiles rules), downloadable by whoever may see the disposition.
create table follow_up_files (
    id             uuid primary key,
    follow_up_id   uuid not null references follow_ups (id),
    disposition_id uuid not null references dispositions (id),
    file_name      text not null,
    content_type   text not null,
    size           bigint not null check (size > 0),
    sha256         text not null,
    content        bytea not null,
    uploaded_by    uuid not null,
    uploaded_at    timestamptz not null default now()
);
create index follow_up_files_follow_up on follow_up_files (follow_up_id);
create index follow_up_files_disposition on follow_up_files (disposition_id);
