-- What each committed batch of case events changed in the daily figures of its offices, per
-- (statistical year, office, category, day). The change-triggered refresh adds these to the
-- cumulative rows from each day on instead of recounting every case of the day, so its cost
-- follows how many offices changed, not how many cases a day holds. Rows are taken (deleted)
-- by the refresh that applies them, in the same transaction.
create table kpi_delta (
    id                     bigint generated always as identity primary key,
    stat_year              smallint not null,
    province_code          text not null,
    office_code            text not null,
    category               smallint not null,
    day                    date not null,
    cases_to_enforce       integer not null,
    cases_with_conditions  integer not null,
    cases_completed        integer not null,
    money_to_enforce       bigint not null,
    money_with_conditions  bigint not null,
    money_collected        bigint not null,
    -- When the data arrived: the refresh carries it into province_data_mark.
    at                     timestamptz not null default now()
);
