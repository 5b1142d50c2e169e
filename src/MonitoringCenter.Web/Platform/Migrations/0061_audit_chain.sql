-- Audit trail, append-only and tamper-evident (issue 10).
--
-- province_code: the province an action concerned, when it concerned one (for filtering).
-- seq, prev_hash, hash: the hash chain. seq is the order of the chain (not id: ids are taken
-- when a transaction inserts, rows become visible when it commits, in another order).
-- hash = sha256(prev_hash || utf8(audit_canonical(row))); the first row's prev_hash is empty
-- (after retention, the first kept row is the anchor: its prev_hash is the deleted row's hash).
alter table audit_log
    add column province_code text,
    add column seq bigint,
    add column prev_hash bytea,
    add column hash bytea;
alter table audit_log add constraint audit_log_seq unique (seq);
create index audit_log_actor on audit_log (actor, at desc);
create index audit_log_province on audit_log (province_code, at desc) where province_code is not null;

-- The text the hash covers: every field length-prefixed in UTF-8 bytes ("-" for null), so that no
-- two different rows give the same text. AuditChain (C#) builds the same text to verify.
create function audit_field(value text) returns text language sql immutable as $$
    select coalesce(octet_length(value)::text || ':' || value, '-')
$$;

create function audit_canonical(id bigint, at timestamptz, actor text, action text, subject text, province_code text, detail jsonb, remote_ip text)
returns text language sql stable as $$
    select audit_field(id::text) || '|' || audit_field(to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) || '|'
        || audit_field(actor) || '|' || audit_field(action) || '|' || audit_field(subject) || '|'
        || audit_field(province_code) || '|' || audit_field(detail::text) || '|' || audit_field(remote_ip)
$$;

-- Sealing: rows are inserted unchained, and AuditChain's sealer (every node, every second, one at
-- a time under this function's lock) chains them in the order it finds them. A trigger that
-- chained each insert would have to hold a lock until its transaction commits: every ingestion
-- batch and API request writes an audit row, and they would all take turns (measured: see
-- issue 10's report).
create index audit_log_unsealed on audit_log (id) where seq is null;

create function audit_seal(max_rows integer) returns integer language plpgsql as $$
declare
    last_seq bigint;
    last_hash bytea;
    r record;
    sealed integer := 0;
begin
    if not pg_try_advisory_xact_lock(4849512727316049236) then -- "CAUDIT" chain lock
        return 0;
    end if;
    select seq, hash into last_seq, last_hash from audit_log where seq is not null order by seq desc limit 1;
    for r in select id, at, actor, action, subject, province_code, detail, remote_ip
             from audit_log where seq is null order by id limit max_rows loop
        last_seq := coalesce(last_seq, 0) + 1;
        update audit_log
        set seq = last_seq,
            prev_hash = coalesce(last_hash, '\x'::bytea),
            hash = sha256(coalesce(last_hash, '\x'::bytea)
                || convert_to(audit_canonical(r.id, r.at, r.actor, r.action, r.subject, r.province_code, r.detail, r.remote_ip), 'UTF8'))
        where id = r.id
        returning hash into last_hash;
        sealed := sealed + 1;
    end loop;
    return sealed;
end $$;

-- An inserted row says nothing about the chain, and happened now.
create function audit_log_insert() returns trigger language plpgsql as $$
begin
    new.at := now();
    new.seq := null;
    new.prev_hash := null;
    new.hash := null;
    return new;
end $$;
create trigger audit_log_insert before insert on audit_log for each row execute function audit_log_insert();

-- Append-only: no update but sealing (the chain columns from null to values, nothing else
-- changed), no delete but retention's (rows older than 12 months: Decree 53/2022 is the floor
-- whatever Audit:RetentionMonths says), no truncate. The owner could still disable these
-- triggers; the hash chain is what shows that it was done.
create function audit_log_guard() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if old.at < now() - interval '12 months' then
            return old;
        end if;
        raise exception 'audit_log is append-only: row % is less than 12 months old and cannot be deleted (Decree 53/2022)', old.id
            using errcode = 'insufficient_privilege';
    end if;
    if old.seq is null and old.prev_hash is null and old.hash is null
       and new.seq is not null and new.prev_hash is not null and new.hash is not null
       and (new.id, new.at, new.actor, new.action, new.subject, new.province_code, new.detail, new.remote_ip)
           is not distinct from (old.id, old.at, old.actor, old.action, old.subject, old.province_code, old.detail, old.remote_ip) then
        return new;
    end if;
    raise exception 'audit_log is append-only: row % cannot be updated', old.id
        using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_guard before update or delete on audit_log for each row execute function audit_log_guard();

create function audit_log_no_truncate() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: truncate refused' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_no_truncate();

-- The rows already there, chained in id order.
select audit_seal(2147483647);
