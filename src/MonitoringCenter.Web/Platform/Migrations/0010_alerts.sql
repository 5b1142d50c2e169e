-- Alerts on lagging provinces and unhealthy jobs. One open alert per rule and subject; every
-- change of state (and every operator note) is kept in alert_transition.
create table alert (
    id                bigint generated always as identity primary key,
    rule              text not null,                 -- e.g. behind-pace-cases, no-data, refresh-late
    subject           text not null,                 -- province code, or '' for the system itself
    severity          smallint not null check (severity between 1 and 3),   -- 1 info, 2 warning, 3 critical
    state             text not null check (state in ('pending', 'firing', 'acknowledged', 'resolved')),
    message           text not null,
    value             numeric not null,
    threshold         numeric not null,
    condition_since   timestamptz not null,          -- when the condition was first seen
    clear_since       timestamptz,                   -- when it was first seen cleared (hysteresis)
    fired_at          timestamptz,
    acknowledged_at   timestamptz,
    acknowledged_by   text,
    resolved_at       timestamptz,
    resolved_by       text,
    resolve_reason    text,
    snoozed_until     timestamptz,
    last_evaluated_at timestamptz not null,
    updated_at        timestamptz not null default now()
);
create unique index alert_one_open on alert (rule, subject) where state <> 'resolved';
create index alert_state on alert (state, severity desc, fired_at desc);
create index alert_subject on alert (subject, id desc);

create table alert_transition (
    id         bigint generated always as identity primary key,
    alert_id   bigint not null references alert (id) on delete cascade,
    at         timestamptz not null default now(),
    action     text not null,      -- open, fire, acknowledge, comment, snooze, escalate, resolve
    from_state text,
    to_state   text not null,
    actor      text not null,      -- operator's name, or 'system'
    note       text
);
create index alert_transition_alert on alert_transition (alert_id, id);
