using EOffice.Org.Reports;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EOffice.Correspondence.Reports;

/// <summary>Correspondence's reports: letter counts and the agenda book (the gateway routes <c>/api/reports/letters|agenda</c> here).</summary>
public static class ReportEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports").WithProblems();
        group.MapGet("/letters", async (string? from, string? to, string? unitId, HttpContext http, LetterReports reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.LettersAsync(from, to, unitId, http.Caller(), ct)))
            .WithSummary("Letter counts of a period, by unit, type and status");
        group.MapGet("/agenda", async Task<Results<Ok<AgendaReport>, FileContentHttpResult>> (string? from, string? to, string? unitId, string? format, HttpContext http, LetterReports reports, CancellationToken ct) =>
        {
            var kind = ReportRules.Format(format);
            var (period, unit, entries) = await reports.AgendaAsync(from, to, unitId, http.Caller(), ct);
            return kind switch
            {
                "csv" => TypedResults.File(AgendaFiles.Csv(entries), "text/csv; charset=utf-8", AgendaFiles.FileName(period.FileStem, "csv")),
                "xlsx" => TypedResults.File(await AgendaFiles.XlsxAsync(entries, ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    AgendaFiles.FileName(period.FileStem, "xlsx")),
                _ => TypedResults.Ok(new AgendaReport(period.From, period.To, unit, entries.Count, entries)),
            };
        }).WithSummary("The agenda book of a period, as JSON, CSV or XLSX (format=)");
    }
}
