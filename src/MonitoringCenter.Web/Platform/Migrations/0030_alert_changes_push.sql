-- Any alert transition (fired, acknowledged, resolved, by the evaluator or an operator) takes a
-- new read-model version and announces it like a refresh, so every node pushes the ticker and
-- the interruption to its screens within moments.
create function alert_transition_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('kpi_refreshed', json_build_object(
        'Version', nextval('kpi_version_seq'), 'Years', '[]'::json, 'Provinces', '[]'::json)::text);
    return null;
end $$;

create trigger alert_transition_changed
    after insert on alert_transition
    for each statement execute function alert_transition_notify();
