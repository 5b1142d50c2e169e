-- Ingestion API: source systems' keys, the case events they send, their statistical reports.

-- A key is shown once when issued; only its SHA-256 is kept (keys are 256 random bits, so a
-- fast hash is enough). Scoped to provinces, or to all of them.
create table api_key (
    id            bigint generated always as identity primary key,
    name          text not null,
    key_hash      bytea not null unique,
    all_provinces boolean not null default false,
    provinces     text[] not null default '{}',
    created_at    timestamptz not null default now(),
    revoked_at    timestamptz
);

-- Every case event stored, so a case's yearly rows in enforcement_case can be rebuilt from all of
-- its events whatever order they arrive in. Ids from the source are kept only as keyed hashes.
create table case_event (
    seq             bigint generated always as identity primary key,
    event_key       bytea not null unique,      -- HMAC of the sender's event id: idempotency
    case_key        bytea not null,             -- HMAC of the source's case id = enforcement_case.source_key
    type            smallint not null check (type between 1 and 10),
    occurred_at     timestamptz not null,
    occurred_on     date not null,              -- the local date the event counts on
    province_code   text not null references province (code),
    office_code     text not null references office (code),
    category        smallint check (category between 1 and 4),
    amount          bigint check (amount >= 0),
    with_conditions boolean,
    to_office_code  text references office (code),
    api_key_id      bigint references api_key (id),
    received_at     timestamptz not null default now()
);
create index case_event_case on case_event (case_key);

-- Cumulative statistical reports of a unit (a province, or one of its offices) up to period_end.
-- Versions: 1 preliminary, 2 official. Every submission is kept; report_effective picks, per unit
-- and period, the latest official one, or the latest preliminary one while there is no official.
create table statistical_report (
    id            bigint generated always as identity primary key,
    stat_year     smallint not null,
    province_code text not null references province (code),
    office_code   text references office (code),
    period_end    date not null,
    version       smallint not null check (version in (1, 2)),
    api_key_id    bigint references api_key (id),
    actor         text not null,
    received_at   timestamptz not null default now()
);
create index statistical_report_unit on statistical_report (stat_year, province_code, period_end);

create table statistical_report_line (
    report_id             bigint not null references statistical_report (id) on delete cascade,
    category              smallint not null check (category between 1 and 4),
    cases_to_enforce      integer not null check (cases_to_enforce >= 0),
    cases_with_conditions integer not null check (cases_with_conditions >= 0),
    cases_completed       integer not null check (cases_completed >= 0),
    money_to_enforce      bigint not null check (money_to_enforce >= 0),
    money_with_conditions bigint not null check (money_with_conditions >= 0),
    money_collected       bigint not null check (money_collected >= 0),
    primary key (report_id, category)
);

create view report_effective as
select distinct on (stat_year, province_code, coalesce(office_code, ''), period_end) *
from statistical_report
order by stat_year, province_code, coalesce(office_code, ''), period_end, version desc, id desc;
