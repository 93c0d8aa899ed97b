-- Reports (GET /api/reports/letters, /api/reports/agenda): official letters by the moment they entered the register
-- (received, sent or signed), and incoming letters by the day they were received, each within a unit.
create index letters_report_at on letters ((coalesce(received_at, sent_at, signed_at)), unit_id)
    where status in ('Signed', 'Sent', 'Received');
create index letters_agenda_book on letters (unit_id, received_at)
    where direction = 'Incoming' and status = 'Received';
