using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Disposition.Reports;

/// <summary>Disposition's report (the gateway routes <c>/api/reports/dispositions</c> here).</summary>
public static class ReportEndpoints
{
    /// <summary>Maps <c>GET /api/reports/dispositions?from=&amp;to=&amp;unitId=&amp;overdue=</c>.</summary>
    public static void MapReportEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/reports/dispositions", async (string? from, string? to, string? unitId, string? overdue, HttpContext http,
            DispositionReports reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.ReportAsync(from, to, unitId, overdue, http.Caller(), ct)))
            .WithTags("Reports").WithProblems().WithSummary("Report dispositions given and completed in a period");
}
