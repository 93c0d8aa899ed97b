-- Who held each position, from when to when (mutasi): kept by the database itself whenever a user's
-- position changes, so every path (holder change, move, seeding) records it in the same transaction.
create table position_holders (
    id          uuid primary key default gen_random_uuid(),
    position_id uuid not null references positions (id),
    user_id     uuid not null references users (id),
    from_at     timestamptz not null,
    to_at       timestamptz,
    constraint position_holders_period check (to_at is null or to_at >= from_at)
);
create index position_holders_position on position_holders (position_id, from_at desc);
create unique index position_holders_one_open_per_position on position_holders (position_id) where to_at is null;
create unique index position_holders_one_open_per_user on position_holders (user_id) where to_at is null;

-- Those holding a position today are its holders from today: nothing older is known.
insert into position_holders (position_id, user_id, from_at)
select position_id, id, now() from users where position_id is not null;

create or replace function users_record_holder() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.position_id is not distinct from old.position_id then
        return new;
    end if;
    update position_holders set to_at = now() where user_id = new.id and to_at is null;
    if new.position_id is not null then
        -- Whoever held it before has been moved out in this same transaction (one holder per position).
        update position_holders set to_at = now() where position_id = new.position_id and to_at is null;
        insert into position_holders (position_id, user_id, from_at) values (new.position_id, new.id, now());
    end if;
    return new;
end
$$;

create trigger users_record_holder after insert or update of position_id on users
    for each row execute function users_record_holder();
