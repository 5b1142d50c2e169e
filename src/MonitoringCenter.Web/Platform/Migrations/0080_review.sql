-- Review mode. A meeting is a statistical year and the day its figures are frozen at; leaders'
-- notes on provinces are kept per meeting (and audited). A room's screens mirror one presenter at a
-- time: the row is the lock, its view what the screens show.
create table review_note (
    id            bigint generated always as identity primary key,
    stat_year     smallint not null,
    as_of         date not null,
    province_code text not null references province (code),
    body          text not null check (length(body) between 1 and 1000),
    author        text not null,
    created_at    timestamptz not null default now()
);
create index review_note_meeting on review_note (stat_year, as_of, created_at);

create table room_presentation (
    room       text primary key,
    presenter  text not null,
    view       text not null,
    started_at timestamptz not null,
    updated_at timestamptz not null
);
