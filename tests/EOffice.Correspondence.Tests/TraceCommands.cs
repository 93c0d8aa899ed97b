using System.Diagnostics;

namespace EOffice.Correspondence.Tests;

/// <summary>
/// The database commands (Npgsql activities) of the traces a benchmark watches, so its own round trips are told
/// apart from the background loops'. <paramref name="source"/> is the activity source the watched traces start
/// from (the benchmark's own, or ASP.NET Core's for requests sent with a <c>traceparent</c>).
/// </summary>
internal sealed class TraceCommands : IDisposable
{
    private readonly Dictionary<ActivityTraceId, List<string>> _commands = [];
    private readonly ActivityListener _listener;

    public TraceCommands(string source)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Npgsql" || s.Name == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> o) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.Source.Name == "Npgsql")
                {
                    lock (_commands)
                    {
                        if (_commands.TryGetValue(a.TraceId, out var list))
                        {
                            list.Add(a.DisplayName);
                        }
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Starts collecting the commands of <paramref name="trace"/>.</summary>
    public void Watch(ActivityTraceId trace)
    {
        lock (_commands)
        {
            _commands[trace] = [];
        }
    }

    /// <summary>The commands <paramref name="trace"/> ran so far, by name.</summary>
    public IReadOnlyList<string> Of(ActivityTraceId trace)
    {
        lock (_commands)
        {
            return [.. _commands[trace]];
        }
    }

    public void Dispose() => _listener.Dispose();
}
