-- When each province last sent data. Every writer already marks refresh_dirty in the same
-- transaction as its change, so a row trigger there records the arrival time for all of them.
create table province_data_mark (
    province_code text primary key references province (code),
    last_data_at  timestamptz not null
);

create function province_data_mark_touch() returns trigger language plpgsql as $$
begin
    insert into province_data_mark (province_code, last_data_at) values (new.province_code, now())
    on conflict (province_code) do update set last_data_at = greatest(province_data_mark.last_data_at, excluded.last_data_at);
    return null;
end $$;

create trigger refresh_dirty_data_mark
    after insert or update on refresh_dirty
    for each row execute function province_data_mark_touch();
