-- Trial-week rules: the sender's own number and date for the sheet, the registration and receipt times,
-- Plt/Plh of whoever disposed, and completion after the due date kept as late.
alter table letter_receipts
    add column sender_number text,
    add column sender_date   date,
    add column letter_received_at timestamptz;

alter table dispositions
    add column from_acting_kind text,
    add column late boolean not null default false;
create index dispositions_parent on dispositions (parent_id) where parent_id is not null;
