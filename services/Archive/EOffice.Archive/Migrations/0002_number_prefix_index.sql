-- Letter numbers are searched exactly or by a leading part ("800.1.11/12"): a btree on the lower-cased
-- number answers both in a few index pages; the trigram index stays for anything else.
create index records_number_prefix on records (lower(number) text_pattern_ops);
