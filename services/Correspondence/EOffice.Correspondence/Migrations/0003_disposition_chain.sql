-- A position keeps seeing a letter through dispositions while any disposition to it is not cancelled:
-- count them (each event is consumed once, through the inbox).
alter table letter_disposition_positions add column dispositions int not null default 1;
