-- A screen's playlist: the wall views it rotates through, each for its number of seconds
-- ([{"path": "/wall", "seconds": 60}, ...]); empty: it stays on its start view.
alter table screen add column playlist jsonb not null default '[]'::jsonb;
