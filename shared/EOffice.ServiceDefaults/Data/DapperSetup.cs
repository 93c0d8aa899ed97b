using System.Data;
using Dapper;

namespace EOffice.ServiceDefaults.Data;

/// <summary>Dapper conventions for every service: snake_case columns, UTC timestamps, dates.</summary>
internal static class DapperSetup
{
    private static int _done;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;

        // Dapper maps DateTimeOffset to DbType.DateTimeOffset itself and never asks a handler unless that
        // built-in map is removed first; Npgsql then refuses any offset but zero ("Cannot write
        // DateTimeOffset with Offset=07:00:00"). With the map removed, every timestamptz parameter of
        // every service goes through DateTimeOffsetHandler and is written as UTC: one way, here.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
    }

    // timestamptz arrives as a UTC DateTime; Npgsql takes only UTC offsets for timestamptz.
    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.DateTime;
            parameter.Value = value.UtcDateTime;
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            _ => throw new DataException($"Cannot read {value.GetType()} as a DateTimeOffset."),
        };
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value;
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime d => DateOnly.FromDateTime(d),
            _ => throw new DataException($"Cannot read {value.GetType()} as a DateOnly."),
        };
    }
}
