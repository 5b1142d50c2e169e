-- Change feed: any writer that marks a (year, province) dirty wakes the refresh on every node.
-- PostgreSQL folds identical notifications of one transaction into one, so a batch of a
-- thousand events costs one notification, delivered only when the transaction commits.
create function refresh_dirty_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('source_changed', '');
    return null;
end $$;

create trigger refresh_dirty_changed
    after insert or update on refresh_dirty
    for each statement execute function refresh_dirty_notify();

-- Every read-model change gets the next version; screens sync by it.
create sequence kpi_version_seq;

-- Who did what, when: administrative actions, alert acknowledgements, sign-ins, API key use.
-- Never personal data of parties; subjects are ids (key id, alert id, province code).
create table audit_log (
    id         bigint generated always as identity primary key,
    at         timestamptz not null default now(),
    actor      text not null,          -- user name, 'api-key:<id>', 'system'
    action     text not null,          -- e.g. alert.acknowledge, ingest.events, ingest.forbidden
    subject    text,                   -- what it acted on
    detail     jsonb not null default '{}'::jsonb,
    remote_ip  text
);
create index audit_log_at on audit_log (at desc);
create index audit_log_action on audit_log (action, at desc);
