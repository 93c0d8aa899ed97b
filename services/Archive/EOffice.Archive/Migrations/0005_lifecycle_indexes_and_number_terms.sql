-- The lifecycle job finds what falls due through small partial indexes instead of scanning the table.
create index records_due_next on records (inactive_until) where state in ('Active', 'Inactive') and not hold;
create index records_inactive_next on records (active_until) where state = 'Active' and not hold;
drop index records_lifecycle;
-- Searches filtered by unit, classification and period.
create index records_unit_class_date on records (unit_id, classification_code text_pattern_ops, letter_date);

-- Words with digits or slashes (parts of letter numbers) stay exact terms, not prefixes: prefixes of
-- such tokens match far too much, and the number index serves number searches.
create or replace function search_query(q text) returns tsquery language sql immutable parallel safe as $$
    select plainto_tsquery('indonesian', id_stem(q))
        || coalesce(
            (select to_tsquery('simple', string_agg(quote_literal(w) || case when w ~ '[0-9/]' then '' else ':*' end, ' & '))
             from unnest(tsvector_to_array(to_tsvector('simple', q))) w
             where length(w) >= 3
             having count(*) = (select count(*) from unnest(tsvector_to_array(to_tsvector('simple', q))))),
            plainto_tsquery('simple', q))
$$;
