-- Hangfire replaces Quartz (issue 9). Hangfire installs its own tables in the `hangfire` schema
-- when a node's job server starts; the Quartz tables of the previous version go, whichever
-- of them that version had created (ProvisionSchema, execution history).
do $$
declare
    quartz record;
begin
    for quartz in
        select schemaname, tablename from pg_tables
        where tablename like 'qrtz\_%' and schemaname = any (current_schemas(false))
    loop
        execute format('drop table if exists %I.%I cascade', quartz.schemaname, quartz.tablename);
    end loop;
end
$$;
