-- Directives: what a leader or operator asked a province to do, by when, who answers for it; the
-- province acknowledges, reports progress, marks it done. Every change is a row of directive_event
-- (the directive's history) and an audit_log row written in the same transaction.
create table directive (
    id              bigint generated always as identity primary key,
    province_code   text not null references province (code),
    title           text not null check (length(title) between 1 and 200),
    body            text check (length(body) <= 2000),
    due_on          date not null,
    responsible     text not null check (length(responsible) between 1 and 200),
    alert_id        bigint references alert (id),
    review_note_id  bigint references review_note (id),
    state           text not null default 'issued' check (state in ('issued', 'acknowledged', 'done')),
    progress        smallint not null default 0 check (progress between 0 and 100),
    issued_by       text not null,
    issued_at       timestamptz not null,
    acknowledged_by text,
    acknowledged_at timestamptz,
    done_by         text,
    done_at         timestamptz,
    updated_at      timestamptz not null
);
create index directive_open on directive (province_code, due_on) where state <> 'done';
create index directive_updated on directive (updated_at desc);

create table directive_event (
    id           bigint generated always as identity primary key,
    directive_id bigint not null references directive (id),
    at           timestamptz not null,
    action       text not null check (action in ('issue', 'acknowledge', 'progress', 'done')),
    actor        text not null,
    note         text check (length(note) <= 1000),
    progress     smallint check (progress between 0 and 100)
);
create index directive_event_directive on directive_event (directive_id, id);

-- A change to a directive shows on its province's page and, through the overdue rule, on the
-- walls: announce it like a refresh (as alert transitions do, migration 0030).
create function directive_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('kpi_refreshed', json_build_object(
        'Version', nextval('kpi_version_seq'), 'Years', '[]'::json, 'Provinces', '[]'::json)::text);
    return null;
end $$;

create trigger directive_event_changed
    after insert on directive_event
    for each statement execute function directive_event_notify();
