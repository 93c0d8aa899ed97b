-- Words typed in part ("Gunaw" finds Gunawan) without GIN prefix scans. A prefix term ('gunaw':*) makes GIN
-- collect every record id under every word with that prefix into one bitmap, with no skipping: for a common
-- surname tens of thousands of ids on every search, even when the other word is rare. Instead the query names the
-- words themselves: the vocabulary of every search document (search_words) turns 'gunaw' into
-- ('gunaw' | 'gunawan'), exact terms that GIN intersects by skipping through the lists.
-- Numbers (words with digits or '/') stay exact, as before. A prefix with more than 32 words in the vocabulary
-- keeps the prefix term, so no word is ever left out.
create table search_words (
    word text collate "C" primary key
);

-- Which words enter the vocabulary (in word order, so concurrent filings lock the same words in the same order).
create function search_words_add(words text[]) returns void language sql as $$
    insert into search_words (word)
    select distinct w from unnest(words) w
    where length(w) >= 3 and w !~ '[0-9/]'
    order by w
    on conflict do nothing
$$;

select search_words_add(array(select distinct w from records, unnest(tsvector_to_array(doc)) w));

-- New words enter with the records that bring them.
create function search_words_of_inserted() returns trigger language plpgsql as $$
begin
    perform search_words_add(array(select distinct w from added, unnest(tsvector_to_array(added.doc)) w));
    return null;
end
$$;

create function search_words_of_updated() returns trigger language plpgsql as $$
begin
    perform search_words_add(tsvector_to_array(new.doc));
    return null;
end
$$;

create trigger records_words_inserted after insert on records
    referencing new table as added for each statement execute function search_words_of_inserted();

create trigger records_words_updated after update of doc on records
    for each row when (old.doc is distinct from new.doc) execute function search_words_of_updated();

-- The query of the words typed: Indonesian stems (as before) or each word exactly, the last ones widened to the
-- vocabulary's words that begin with them. Stable (it reads the vocabulary): the service computes it first and
-- passes the result, so the planner sees the terms.
create function search_terms(q text) returns tsquery language sql stable parallel safe as $$
    select case when x.stems = x.words then x.words else x.stems || x.words end from (select
        plainto_tsquery('indonesian', id_stem(q)) as stems,
        coalesce(
            (select to_tsquery('simple', string_agg(t.term, ' & '))
             from unnest(tsvector_to_array(to_tsvector('simple', q))) w
             cross join lateral (
                 select case
                     when w ~ '[0-9/]' then quote_literal(w)
                     when count(*) > 32 then quote_literal(w) || ':*'
                     else '(' || quote_literal(w) || coalesce(' | ' || string_agg(quote_literal(s.word), ' | ') filter (where s.word <> w), '') || ')'
                 end as term
                 from (select v.word from search_words v
                       where w !~ '[0-9/]' and v.word >= (w collate "C") and v.word < (w || chr(1114111)) collate "C"
                       limit 33) s
             ) t
             where length(w) >= 3
             having count(*) = (select count(*) from unnest(tsvector_to_array(to_tsvector('simple', q))))),
            plainto_tsquery('simple', q)) as words) x
$$;

drop function search_query(text);
