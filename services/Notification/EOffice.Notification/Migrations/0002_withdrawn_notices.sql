-- Notices taken back (a disposition cancelled before it was read): their notifications are marked
-- read, and one made later (its event arriving after the cancellation) is made read.
create table withdrawn_notices (
    kind         text not null,
    link         text not null,
    withdrawn_at timestamptz not null default now(),
    primary key (kind, link)
);
create index notifications_kind_link on notifications (link, kind) where read_at is null;
