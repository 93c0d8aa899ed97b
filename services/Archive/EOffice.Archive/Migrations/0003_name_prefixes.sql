-- Names and words also match by their beginning ("Gunaw" finds Gunawan): words of three letters or
-- more become prefix terms of the exact-word query, which the GIN index answers directly.
create or replace function search_query(q text) returns tsquery language sql immutable parallel safe as $$
    select plainto_tsquery('indonesian', id_stem(q))
        || coalesce(
            (select to_tsquery('simple', string_agg(quote_literal(w) || ':*', ' & '))
             from unnest(tsvector_to_array(to_tsvector('simple', q))) w
             where length(w) >= 3
             having count(*) = (select count(*) from unnest(tsvector_to_array(to_tsvector('simple', q))))),
            plainto_tsquery('simple', q))
$$;
