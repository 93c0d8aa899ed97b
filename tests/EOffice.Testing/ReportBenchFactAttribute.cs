using Xunit;

namespace EOffice.Testing;

/// <summary>
/// A measurement, not a test: it seeds a city's year (100,000 rows) and prints how long the reports take. Skipped
/// unless <c>EOFFICE_REPORT_BENCH=1</c>, so the regular suite stays quick:
/// <c>EOFFICE_REPORT_BENCH=1 dotnet test tests/EOffice.Correspondence.Tests -c Release --filter ReportBench --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class ReportBenchFactAttribute : FactAttribute
{
    /// <summary>Skips unless the environment asks for the measurement.</summary>
    public ReportBenchFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("EOFFICE_REPORT_BENCH") != "1")
        {
            Skip = "A measurement: set EOFFICE_REPORT_BENCH=1 to run it.";
        }
    }
}
