-- A screen's credential is rotated periodically: when it was issued, and the one it replaced, which
-- still opens the screen's pages for a short grace (requests already under way when it changed).
alter table screen
    add column token_issued_at      timestamptz,
    add column previous_token_hash  bytea,
    add column previous_valid_until timestamptz;
update screen set token_issued_at = paired_at where token_hash is not null;
create index screen_previous_token on screen (previous_token_hash) where previous_token_hash is not null;
