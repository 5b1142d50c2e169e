-- Indexes for the refresh queries; created after the tables so a bulk load can drop and
-- recreate them if it ever needs to.
create index enforcement_case_year_province on enforcement_case (stat_year, province_code);
create unique index enforcement_case_source_key on enforcement_case (source_key, stat_year) where source_key is not null;
create index collection_year_case on collection (stat_year, case_id);
create index collection_case on collection (case_id);
