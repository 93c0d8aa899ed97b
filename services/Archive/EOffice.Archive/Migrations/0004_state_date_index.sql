-- The due list (and any list by state) walks records newest first within a state.
create index records_state_date on records (state, letter_date desc, id desc);
