-- Set in the transaction of the work a request with an Idempotency-Key commits: when the process dies after that
-- commit and before the response is kept, a retry is told the request was carried out instead of running it again.
alter table idempotency_keys add column committed boolean not null default false;
