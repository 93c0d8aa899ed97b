-- Reports (GET /api/reports/dispositions): dispositions by the time they were sent, with their recipient position.
create index dispositions_report on dispositions (created_at, to_position_id) where status <> 'Cancelled';
