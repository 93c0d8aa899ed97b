-- Subjects of letters below Rahasia, from Correspondence's internal letter-content exchange (public events
-- carry a subject only for Biasa): in whichever order the two events arrive, lists and the sheet name the letter.
create table letter_subjects (
    letter_id uuid primary key,
    subject   text not null
);
