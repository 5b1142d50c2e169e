-- The read model's invariants, checked after refreshes and nightly: each check's result, so the alert
-- evaluator (and an operator) sees the latest one of each statistical year.
create table read_model_check (
    id          bigint generated always as identity primary key,
    stat_year   smallint not null,
    all_days    boolean not null,
    checked_at  timestamptz not null,
    violations  integer not null,
    listed      jsonb not null default '[]'::jsonb
);
create index read_model_check_latest on read_model_check (stat_year, checked_at desc);
