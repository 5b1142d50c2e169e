-- The tables every ingested batch writes no longer check their province, office and API key
-- references row by row. Each such check takes a share lock on the referenced row, and the few
-- rows every concurrent batch references (its provinces, its offices, its API key) turned into
-- multixact traffic that cost ingestion a large part of its throughput. The codes are validated
-- against the fixed reference data before anything is written (CaseEventService, ReportService),
-- and API key ids come from the authenticated key; reference rows are never deleted.
alter table case_event drop constraint case_event_province_code_fkey;
alter table case_event drop constraint case_event_office_code_fkey;
alter table case_event drop constraint case_event_to_office_code_fkey;
alter table case_event drop constraint case_event_api_key_id_fkey;
alter table enforcement_case drop constraint enforcement_case_province_code_fkey;
alter table enforcement_case drop constraint enforcement_case_office_code_fkey;
