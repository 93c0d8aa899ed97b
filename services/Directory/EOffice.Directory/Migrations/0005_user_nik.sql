-- The NIK (Nomor Induk Kependudukan, 16 digits) of a user: the certified signature provider (BSrE)
-- knows signers by it. Optional; one person, one NIK.
alter table users add column nik text;
alter table users add constraint users_nik_key unique (nik);
alter table users add constraint users_nik_format check (nik is null or nik ~ '^[0-9]{16}$');
