-- Failed password checks (sign-in and step-up), per account and client address: the throttle per
-- (account, address) and the account lock are counted from these rows (see SignInThrottle).
-- account is the user id, or "name:" and the lower-cased username when no active user has it.
create table sign_in_failures (
    account   text        not null,
    address   text        not null,
    failed_at timestamptz not null default now()
);
create index sign_in_failures_account on sign_in_failures (account, failed_at);
create index sign_in_failures_failed_at on sign_in_failures (failed_at);

-- The per-account counter of 0002 is replaced by the rows above.
alter table users drop column failed_logins;
alter table users drop column locked_until;
