-- Search at a million records and more. A ranked query wants the 200 most recent matches, but a GIN index
-- knows no dates, and walking the date index checks each row's search document (2.5 KB, stored out of line):
-- slow for phrases. A second search index also holds
-- keys a phrase query adds to its tsquery, so the GIN index itself narrows to what the caller may see and to a period:
--   ' u<unit>'       the record's unit (what archivists and secretariats see, and the unit filter)
--   ' p<position>'   each involved position (what everyone else sees)
--   ' b<L>.<n>'      the record's month in aligned blocks of 2^L months (L = 0..9, n = month number >> L):
--                    a phrase search walks back from the newest month in blocks of 1, 1, 2, 4, 8, ... months,
--                    each block one key, and stops as soon as it has its 200 most recent matches.
-- Keys begin with a space, which no parsed word has, so no user query can match one.

-- The month number of a date (months since year 0).
create function search_month(d date) returns int language sql immutable parallel safe as $$
    select date_part('year', d)::int * 12 + date_part('month', d)::int - 1
$$;

-- Self-contained (an index expression runs under whatever search_path the writer has).
create function search_keys(letter_date date, unit_id uuid, involved uuid[]) returns tsvector
language sql immutable parallel safe as $$
    select pg_catalog.array_to_tsvector(
        array[' u' || unit_id::text]
        || array(select ' b' || l::text || '.' || (x.m >> l)::text from pg_catalog.generate_series(0, 9) l)
        || array(select ' p' || p::text from pg_catalog.unnest(involved) p))
    from (select pg_catalog.date_part('year', letter_date)::int * 12 + pg_catalog.date_part('month', letter_date)::int - 1 as m) x
$$;

-- The index phrase searches use: the document and the keys. Words, names and numbers keep records_doc: walking
-- month blocks was measured slower for them at 1M (a name's prefix lists are collected again in every block).
create index records_search on records using gin ((doc || search_keys(letter_date, unit_id, involved_positions)));
alter index records_search alter column 1 set statistics 1000;
analyze records;
