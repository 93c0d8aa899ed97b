-- Wrong passwords are counted per account; too many in a row lock sign-in for a while.
alter table users add column failed_logins int not null default 0;
alter table users add column locked_until timestamptz;
