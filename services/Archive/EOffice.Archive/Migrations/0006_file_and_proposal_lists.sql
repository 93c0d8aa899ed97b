-- Lists of files and disposal proposals walk a unit's (or an agency's) newest first; a file's records are found by file.
create index files_unit on files (unit_id, id desc);
create index records_file on records (file_id) where file_id is not null;
create index disposal_proposals_unit on disposal_proposals (unit_id, id desc);
