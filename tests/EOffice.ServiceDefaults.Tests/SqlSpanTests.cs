using EOffice.ServiceDefaults.Telemetry;

namespace EOffice.ServiceDefaults.Tests;

public sealed class SqlSpanTests
{
    [Theory]
    [InlineData("insert into outbox (id, message_type) values (@id, @messageType)", "insert outbox")]
    [InlineData("\n  update letters set status = 'Sent' where id = @id", "update letters")]
    [InlineData("delete from outbox where sent_at < now() - @keep", "delete outbox")]
    [InlineData("select id as Id, payload::text as Payload\nfrom outbox\nwhere sent_at is null\nfor update skip locked", "select outbox")]
    [InlineData("SELECT * FROM \"correspondence\".\"letters\" l join letter_recipients r on r.letter_id = l.id", "select correspondence.letters")]
    [InlineData("with due as (select id from records where due_at < now()) update records set state = 'due'", "with records")]
    [InlineData("-- the inbox first\ninsert into inbox (consumer, message_id) values (@c, @m) on conflict do nothing", "insert inbox")]
    [InlineData("select pg_advisory_xact_lock(hashtext(@key))", "select")]
    [InlineData("begin", "begin")]
    [InlineData("   ", "postgresql")]
    [InlineData(null, "postgresql")]
    public void A_database_span_is_named_by_the_statement_s_verb_and_first_table(string? sql, string name) =>
        Assert.Equal(name, SqlSpans.Name(sql));
}
