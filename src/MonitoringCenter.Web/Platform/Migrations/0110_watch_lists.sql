-- Watch lists: what the case rows need beyond the counts. Every column has a default, so rows
-- written before (and the demo loader's COPY of older years) stay valid.
alter table enforcement_case
    -- Under the monitoring and direction of the Central Steering Committee on Anti-Corruption.
    add column steering_committee boolean not null default false,
    -- When the case was first accepted: accepted_on of a carried-over row is its year's first day.
    add column opened_on date,
    -- Since when the case is postponed or suspended (status 4, 5); null for other statuses.
    add column status_since date;

-- The flag as the case's events carry it (null: the event does not say).
alter table case_event add column steering_committee boolean;
