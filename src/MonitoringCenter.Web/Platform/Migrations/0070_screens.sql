-- Paired screens (TVs): each holds a long-lived credential, an HttpOnly cookie whose SHA-256 alone is
-- kept here; revoking sets revoked_at and the cookie stops working at the next request. The last
-- status a screen reported (heartbeat) is kept beside it for the fleet page.
create table screen (
    id             uuid primary key,
    name           text not null,
    room           text not null,
    start_view     text not null,
    token_hash     bytea unique,
    paired_by      text not null,
    paired_at      timestamptz not null,
    revoked_at     timestamptz,
    revoked_by     text,
    last_seen_at   timestamptz,
    current_view   text,
    build_version  text,
    viewport       text,
    uptime_seconds bigint,
    errors         jsonb not null default '[]'::jsonb
);
create index screen_room on screen (room) where revoked_at is null;

-- A pairing request: the short code a screen shows (hashed), the secret only that browser holds
-- (its pairing cookie, hashed), and once an Admin enters the code, the screen it becomes. Single
-- use: collected_at is set when the screen takes its credential.
create table screen_pairing (
    id           uuid primary key,
    code_hash    bytea not null,
    claim_hash   bytea not null,
    created_ip   text,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    screen_id    uuid references screen (id),
    paired_at    timestamptz,
    collected_at timestamptz
);
create index screen_pairing_code on screen_pairing (code_hash) where screen_id is null;
create index screen_pairing_ip on screen_pairing (created_ip, created_at desc);
