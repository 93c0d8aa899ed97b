using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace EOffice.Testing;

/// <summary>
/// One service (or the gateway) running as its own <c>dotnet &lt;dll&gt;</c> process, with the last
/// lines of its output kept in memory for failure messages.
/// </summary>
public sealed class PlatformProcess : IDisposable
{
    private const int TailLines = 200;

    // Kills the process when the test host disappears without disposing it (SIGKILL, or SIGTERM,
    // which skips AppDomain.ProcessExit): polls both pids once a second; ends with the process.
    private const string OrphanGuardScript =
        "while kill -0 \"$1\" 2>/dev/null && kill -0 \"$2\" 2>/dev/null; do sleep 1; done; " +
        "kill -0 \"$1\" 2>/dev/null || kill -KILL \"$2\" 2>/dev/null";

    private readonly Process _process;
    private Process? _guard;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    private PlatformProcess(string name, Uri address, Process process)
    {
        Name = name;
        Address = address;
        _process = process;
    }

    /// <summary>The component name, e.g. <c>directory</c> or <c>gateway</c>.</summary>
    public string Name { get; }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The operating system's process id.</summary>
    public int Id { get; private set; }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited
    {
        get
        {
            lock (_gate)
            {
                return _disposed || _process.HasExited;
            }
        }
    }

    /// <summary>Starts <c>dotnet <paramref name="dll"/></c> in the dll's folder with <paramref name="environment"/> added.</summary>
    public static PlatformProcess Start(string name, string dotnet, string dll, Uri address, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
        };
        info.ArgumentList.Add(dll);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = new PlatformProcess(name, address, process);
        process.OutputDataReceived += (_, e) => started.Append(e.Data, null);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data, "[stderr] ");
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {name}: {dotnet} {dll}");
        }

        started.Id = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        started._guard = StartOrphanGuard(process.Id);
        return started;
    }

    /// <summary>A description for failure messages: state, exit code and the last lines of output.</summary>
    public string Describe()
    {
        string state;
        string[] lines;
        lock (_gate)
        {
            state = _disposed ? "disposed"
                : _process.HasExited ? $"exited with code {_process.ExitCode}"
                : "running";
            lines = [.. _tail];
        }

        var output = lines.Length == 0 ? "(no output)" : string.Join(Environment.NewLine, lines);
        return $"---- {Name} (pid {Id}, {state}, {Address}) last {lines.Length} lines of output ----{Environment.NewLine}{output}{Environment.NewLine}---- end of {Name} output ----";
    }

    /// <summary>Kills the process and everything it started; harmless when it has already ended.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // It ended meanwhile.
            }
            catch (Win32Exception)
            {
                // It ended meanwhile, or part of the tree could not be signalled; WaitForExitAsync tells.
            }
        }
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) for the process to end; false when it still runs.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        if (HasExited)
        {
            return true;
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return HasExited;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _process.Dispose();
            if (_guard is not null)
            {
                try
                {
                    _guard.Kill(entireProcessTree: true);
                }
                catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
                {
                    // It ended by itself when the process did.
                }

                _guard.Dispose();
            }
        }
    }

    private static Process? StartOrphanGuard(int pid)
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/sh"))
        {
            return null;
        }

        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(OrphanGuardScript);
        info.ArgumentList.Add("eoffice-e2e-orphan-guard");
        info.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        return Process.Start(info);
    }

    private void Append(string? line, string? prefix)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _tail.Enqueue(prefix + line);
            while (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
