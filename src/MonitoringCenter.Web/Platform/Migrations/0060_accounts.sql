-- People who sign in (ASP.NET Core Identity's user, kept by our Dapper store), their roles and,
-- for a province-scoped Operator, their provinces. The address is the user name.
create table app_user (
    id                    uuid primary key,
    email                 text not null,
    normalized_email      text not null unique,
    password_hash         text,
    security_stamp        text not null,
    concurrency_stamp     text not null,
    lockout_enabled       boolean not null default true,
    lockout_end           timestamptz,
    access_failed_count   integer not null default 0,
    two_factor_enabled    boolean not null default false,
    authenticator_key     text,
    recovery_codes        text,
    must_change_password  boolean not null default true,
    disabled_at           timestamptz,
    created_at            timestamptz not null default now(),
    last_sign_in_at       timestamptz
);

create table app_user_role (
    user_id uuid not null references app_user (id) on delete cascade,
    role    text not null check (role in ('Admin', 'Operator', 'Leader', 'Display')),
    primary key (user_id, role)
);

create table app_user_province (
    user_id       uuid not null references app_user (id) on delete cascade,
    province_code text not null references province (code),
    primary key (user_id, province_code)
);

-- ASP.NET Core data-protection keys (cookies, antiforgery), shared by every node and kept across
-- restarts, so a session signed in on one node is valid on the others and after a deploy.
create table data_protection_key (
    id            bigint generated always as identity primary key,
    friendly_name text,
    xml           text not null,
    created_at    timestamptz not null default now()
);
