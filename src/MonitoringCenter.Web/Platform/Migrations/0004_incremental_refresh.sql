-- Incremental refresh from the first day a change touches: cumulative rows before that day
-- stay as they are. A null from_day means the whole statistical year.
alter table refresh_dirty add column from_day date;

-- The refresh reads only the changed days of a province's cases and payments.
create index enforcement_case_accepted on enforcement_case (stat_year, province_code, accepted_on);
create index enforcement_case_classified on enforcement_case (stat_year, province_code, classified_on) where condition = 1;
create index enforcement_case_completed on enforcement_case (stat_year, province_code, completed_on) where completed_on is not null;
create index collection_year_day on collection (stat_year, collected_on);
