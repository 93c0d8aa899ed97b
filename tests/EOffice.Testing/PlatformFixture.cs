using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Xunit;

namespace EOffice.Testing;

/// <summary>
/// The whole platform as <c>./eoffice up</c> runs it: every service and the gateway as a separate
/// <c>dotnet &lt;dll&gt;</c> process from its own build output, on free loopback ports, against a
/// throwaway database and RabbitMQ virtual host. Tests reach it only through <see cref="Gateway"/>.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    /// <summary>
    /// Every service, by its name in the gateway's configuration. Directory starts first; the others
    /// in this order. A service whose build output is not there is skipped.
    /// </summary>
    public static readonly IReadOnlyList<string> Services = ["directory", "correspondence", "disposition", "archive", "notification"];

    /// <summary>Every demo user's password.</summary>
    public const string DemoPassword = "Demo#2026";

    /// <summary>The shared key for internal service-to-service endpoints.</summary>
    public const string InternalKey = "e2e-internal-key";

    // Generous: the other test projects run beside this one and load a small machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(300);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    // One readiness answer may take seconds on a loaded machine; a probe cut off at 5 s never sees it.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    private readonly PlatformOptions _options;
    private readonly List<PlatformProcess> _processes = [];
    private readonly Dictionary<string, (string Dll, Uri Address, Dictionary<string, string> Environment)> _launches = new(StringComparer.Ordinal);
    private readonly SocketsHttpHandler _handler = new() { AllowAutoRedirect = false };
    private readonly List<string> _started = [];
    private TestDatabase? _database;
    private TestBroker? _broker;
    private HttpClient? _gateway;
    private bool _cleanedUp;

    /// <summary>The platform as the tests run it: services talk to Postgres and RabbitMQ directly.</summary>
    public PlatformFixture()
        : this(new PlatformOptions())
    {
    }

    /// <summary>
    /// The platform with <paramref name="options"/> (proxies to cut, extra configuration). Protected: xUnit builds a
    /// collection fixture through its single public constructor.
    /// </summary>
    protected PlatformFixture(PlatformOptions options) => _options = options;

    /// <summary>A platform with <paramref name="options"/> (proxies to cut, extra settings), for benchmarks and fault tests.</summary>
    public static PlatformFixture With(PlatformOptions options) => new(options);

    /// <summary>
    /// The link between the services and RabbitMQ, when <see cref="PlatformOptions.BrokerProxy"/> asked for one:
    /// <see cref="TcpProxy.Cut"/> is a broker outage as the services see it (the shared broker itself keeps running).
    /// </summary>
    public TcpProxy? BrokerLink { get; private set; }

    /// <summary>The link between the services and Postgres, when <see cref="PlatformOptions.PostgresProxy"/> asked for one.</summary>
    public TcpProxy? PostgresLink { get; private set; }

    /// <summary>An admin connection string to the platform's throwaway database (every service's schema is in it).</summary>
    public string DatabaseConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("The platform has not started.");

    /// <summary>The platform's database name.</summary>
    public string DatabaseName => _database?.Name ?? throw new InvalidOperationException("The platform has not started.");

    /// <summary>The process id of each running component (the services by name, and <c>gateway</c>).</summary>
    public IReadOnlyDictionary<string, int> ProcessIds
    {
        get
        {
            lock (_processes)
            {
                return _processes.Where(p => !p.HasExited).GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.Last().Id, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>A client for the gateway, with no token.</summary>
    public HttpClient Gateway => _gateway ?? throw new InvalidOperationException("The platform has not started.");

    /// <summary>The gateway's base address.</summary>
    public Uri GatewayAddress => Gateway.BaseAddress!;

    /// <summary>The services that run (those whose build output exists), Directory first.</summary>
    public IReadOnlyList<string> StartedServices => _started;

    /// <summary>Each running service's own address (behind the gateway), by name.</summary>
    public IReadOnlyDictionary<string, Uri> ServiceAddresses { get; private set; } = new Dictionary<string, Uri>();

    /// <summary>How long starting the platform took.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Starts the platform and waits until every process and the gateway are ready.</summary>
    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        AppDomain.CurrentDomain.ProcessExit += KillOnProcessExit;
        try
        {
            await StartAsync();
        }
        catch (Exception failure)
        {
            try
            {
                await CleanUpAsync();
            }
            catch (Exception cleanup)
            {
                throw new AggregateException(failure, cleanup);
            }

            throw;
        }

        StartupTime = clock.Elapsed;
    }

    /// <summary>Kills every process, then drops the virtual host and the database.</summary>
    public async Task DisposeAsync() => await CleanUpAsync();

    /// <summary>Signs in through the gateway and returns the access token.</summary>
    public async Task<string> LoginAsync(string username, string password = DemoPassword)
    {
        using var response = await Gateway.PostAsJsonAsync("/api/auth/login", new { username, password });
        var body = await response.ReadJsonAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Signing in as {username} answered {(int)response.StatusCode}: {body}");
        }

        return body.GetProperty("accessToken").GetString()
            ?? throw new InvalidOperationException($"Signing in as {username} gave no access token: {body}");
    }

    /// <summary>A new client for the gateway that sends <paramref name="token"/> (dispose it after use).</summary>
    public HttpClient As(string token)
    {
        var client = NewGatewayClient(GatewayAddress);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The captured output of every process, for a failure message.</summary>
    public string DescribeProcesses()
    {
        lock (_processes)
        {
            return string.Join(Environment.NewLine, _processes.Select(p => p.Describe()));
        }
    }

    private async Task StartAsync()
    {
        var build = BuildOutput.Locate();
        var present = Services.Where(s => File.Exists(build.ServiceDll(s))).ToList();
        if (!present.Contains("directory"))
        {
            throw new InvalidOperationException(
                $"Directory's build output {build.ServiceDll("directory")} is missing: build the solution ({build.Configuration}) first.");
        }

        if (!File.Exists(build.GatewayDll))
        {
            throw new InvalidOperationException(
                $"The gateway's build output {build.GatewayDll} is missing: build the solution ({build.Configuration}) first.");
        }

        _database = await TestDatabase.CreateAsync();
        _broker = await TestBroker.CreateAsync();

        var ports = FreePorts(present.Count + 1);
        var serviceUrls = present.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => new Uri($"http://127.0.0.1:{ports[x.i]}/"), StringComparer.Ordinal);
        ServiceAddresses = serviceUrls;
        var gatewayUrl = new Uri($"http://127.0.0.1:{ports[^1]}/");
        var directoryUrl = serviceUrls["directory"];
        var postgres = _database.ConnectionString;
        var rabbitMq = _broker.Uri;
        if (_options.BrokerProxy)
        {
            var real = new Uri(_broker.Uri);
            BrokerLink = new TcpProxy(real.Host, real.Port);
            rabbitMq = _broker.Via(BrokerLink.Port);
        }

        if (_options.PostgresProxy)
        {
            var csb = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
            PostgresLink = new TcpProxy(csb.Host ?? "127.0.0.1", csb.Port);
            csb.Host = "127.0.0.1";
            csb.Port = PostgresLink.Port;
            postgres = csb.ConnectionString;
        }

        var common = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["DOTNET_NOLOGO"] = "1",
            ["Auth__Issuer"] = Authority(gatewayUrl),
            ["Auth__MetadataAddress"] = Authority(directoryUrl) + "/.well-known/openid-configuration",
            ["Internal__Key"] = InternalKey,
            ["Internal__DirectoryUrl"] = Authority(directoryUrl),
            ["Logging__LogLevel__Default"] = "Warning",
            // Gateway and Directory both limit sign-ins per address; every test signs in from loopback.
            ["RateLimits__LoginPerMinute"] = "1000",
        };
        if (serviceUrls.TryGetValue("correspondence", out var correspondenceUrl))
        {
            common["Internal__CorrespondenceUrl"] = Authority(correspondenceUrl);
        }

        if (serviceUrls.TryGetValue("disposition", out var dispositionUrl))
        {
            common["Internal__DispositionUrl"] = Authority(dispositionUrl);
        }


        Dictionary<string, string> ServiceEnvironment(string service) => new(common, StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = Authority(serviceUrls[service]),
            ["ConnectionStrings__Postgres"] = postgres,
            ["ConnectionStrings__RabbitMq"] = rabbitMq,
            ["Outbox__PollInterval"] = "00:00:00.200",
            ["Disposition__OverdueCheckInterval"] = "00:00:01",
            // The scenario's city system listens on loopback: allowed for webhooks explicitly, as a city allows its own networks.
            ["Webhooks__AllowedNetworks__0"] = "127.0.0.0/8",
        };

        Dictionary<string, string> WithServiceExtras(string service)
        {
            var environment = ServiceEnvironment(service);
            foreach (var (key, value) in _options.ServiceEnvironment)
            {
                environment[key] = value;
            }

            return environment;
        }

        var gatewayEnvironment = new Dictionary<string, string>(common, StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = Authority(gatewayUrl),
            ["RateLimits__PublicPerMinute"] = "1000",
            // The web app as ./eoffice publishes it (none there: the gateway serves the API only).
            ["WebApp__Root"] = build.WebRoot,
            // Web sessions refresh their 15-minute access token once it is 20 s old, so that every browser
            // scenario runs through refreshes (with the web app's parallel requests) as a long working day does.
            ["Session__RefreshAhead"] = "00:14:40",
        };
        foreach (var service in Services)
        {
            // Nothing listens on the discard port: a service that is not there is a cluster that is down.
            var address = serviceUrls.TryGetValue(service, out var url) ? url.ToString() : "http://127.0.0.1:9/";
            gatewayEnvironment[$"ReverseProxy__Clusters__{service}__Destinations__d1__Address"] = address;
            // The gateway's probe of each service's readiness waits 3 s as shipped; on a loaded test machine an answer can take
            // longer, and a service that never answers in time would never be routed to.
            gatewayEnvironment[$"ReverseProxy__Clusters__{service}__HealthCheck__Active__Timeout"] = "00:00:20";
        }

        for (var i = 0; i < present.Count; i++)
        {
            gatewayEnvironment[string.Create(CultureInfo.InvariantCulture, $"Gateway__RequiredClusters__{i}")] = present[i];
        }

        foreach (var (key, value) in _options.GatewayEnvironment)
        {
            gatewayEnvironment[key] = value;
        }

        var dotnet = DotnetHost();
        var deadline = DateTime.UtcNow + StartTimeout;
        using var probe = new HttpClient { Timeout = ProbeTimeout };

        // Directory first: it migrates, seeds the demo city and issues the keys everyone validates with.
        var directory = Launch("directory", dotnet, build.ServiceDll("directory"), directoryUrl, WithServiceExtras("directory"));
        await WaitUntilReadyAsync(directory, probe, deadline);

        var others = new List<PlatformProcess>();
        foreach (var service in present.Where(s => s != "directory"))
        {
            others.Add(Launch(service, dotnet, build.ServiceDll(service), serviceUrls[service], WithServiceExtras(service)));
        }

        others.Add(Launch("gateway", dotnet, build.GatewayDll, gatewayUrl, gatewayEnvironment));
        foreach (var process in others)
        {
            await WaitUntilReadyAsync(process, probe, deadline);
        }

        _started.AddRange(present);
        _gateway = NewGatewayClient(gatewayUrl);
    }

    /// <summary>
    /// Kills a component (<c>kill -9</c>: no shutdown, no flush) and waits until it has ended.
    /// <paramref name="name"/> is a service name or <c>gateway</c>.
    /// </summary>
    public async Task KillAsync(string name)
    {
        var process = Running(name);
        process.Kill();
        if (!await process.WaitForExitAsync(StopTimeout))
        {
            throw new InvalidOperationException($"{name} (pid {process.Id}) did not end within {StopTimeout.TotalSeconds:0} s of being killed.");
        }
    }

    /// <summary>Starts a component that was killed again, on the same port with the same configuration, and waits until it is ready.</summary>
    public async Task RestartAsync(string name)
    {
        (string Dll, Uri Address, Dictionary<string, string> Environment) launch;
        lock (_processes)
        {
            if (_processes.Any(p => p.Name == name && !p.HasExited))
            {
                throw new InvalidOperationException($"{name} still runs; kill it first.");
            }

            launch = _launches[name];
        }

        var process = Launch(name, DotnetHost(), launch.Dll, launch.Address, launch.Environment);
        using var probe = new HttpClient { Timeout = ProbeTimeout };
        await WaitUntilReadyAsync(process, probe, DateTime.UtcNow + StartTimeout);
    }

    private PlatformProcess Running(string name)
    {
        lock (_processes)
        {
            return _processes.LastOrDefault(p => p.Name == name && !p.HasExited)
                ?? throw new InvalidOperationException($"{name} does not run.");
        }
    }

    private PlatformProcess Launch(string name, string dotnet, string dll, Uri address, Dictionary<string, string> environment)
    {
        var process = PlatformProcess.Start(name, dotnet, dll, address, environment);
        lock (_processes)
        {
            _processes.Add(process);
            _launches[name] = (dll, address, environment);
        }

        return process;
    }

    private static async Task WaitUntilReadyAsync(PlatformProcess process, HttpClient probe, DateTime deadline)
    {
        // The full report: the database and the broker (so that a fresh virtual host has its queues bound before the first event).
        var ready = new Uri(process.Address, "health");
        var last = "no answer yet";
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"{process.Name} ended before it was ready (last readiness answer: {last}).{Environment.NewLine}{process.Describe()}");
                }

                try
                {
                    using var response = await probe.GetAsync(ready);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return true;
                    }

                    last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                }
                catch (HttpRequestException ex)
                {
                    last = ex.Message;
                }
                catch (TaskCanceledException)
                {
                    last = $"no answer within {ProbeTimeout.TotalSeconds:0} s";
                }

                return false;
            }, $"{process.Name} answers 200 on {ready}", Remaining(deadline));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(
                $"{process.Name} did not answer 200 on {ready} within {StartTimeout.TotalSeconds:0} s of the platform starting " +
                $"(last answer: {last}).{Environment.NewLine}{process.Describe()}", ex);
        }
    }

    private async Task CleanUpAsync()
    {
        lock (_processes)
        {
            if (_cleanedUp)
            {
                return;
            }

            _cleanedUp = true;
        }

        AppDomain.CurrentDomain.ProcessExit -= KillOnProcessExit;
        _gateway?.Dispose();
        _handler.Dispose();

        PlatformProcess[] processes;
        lock (_processes)
        {
            processes = [.. _processes];
        }

        var errors = new List<Exception>();
        foreach (var process in processes)
        {
            process.Kill();
        }

        foreach (var process in processes)
        {
            if (!await process.WaitForExitAsync(StopTimeout))
            {
                errors.Add(new InvalidOperationException($"{process.Name} (pid {process.Id}) did not end within {StopTimeout.TotalSeconds:0} s of being killed."));
            }

            process.Dispose();
        }

        if (BrokerLink is not null)
        {
            await BrokerLink.DisposeAsync();
        }

        if (PostgresLink is not null)
        {
            await PostgresLink.DisposeAsync();
        }

        if (_broker is not null)
        {
            await Collect(errors, async () => await _broker.DisposeAsync());
        }

        if (_database is not null)
        {
            await Collect(errors, async () => await _database.DisposeAsync());
        }

        if (errors.Count > 0)
        {
            throw new AggregateException("Stopping the platform failed.", errors);
        }
    }

    private static async Task Collect(List<Exception> errors, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception ex)
        {
            errors.Add(ex);
        }
    }

    // When the test host ends without disposing the fixture (an abort), the services still must not outlive it.
    private void KillOnProcessExit(object? sender, EventArgs e)
    {
        PlatformProcess[] processes;
        lock (_processes)
        {
            processes = [.. _processes];
        }

        foreach (var process in processes)
        {
            process.Kill();
        }
    }

    private HttpClient NewGatewayClient(Uri address) =>
        new(_handler, disposeHandler: false) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };

    private static string Authority(Uri url) => url.GetLeftPart(UriPartial.Authority);

    private static TimeSpan Remaining(DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    // Distinct free loopback ports: every listener is held until all are picked, so none repeats.
    private static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
                listener.Dispose();
            }
        }
    }

    // The host that runs the tests (dotnet test sets DOTNET_HOST_PATH), else whatever 'dotnet' is on the PATH.
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }
}

/// <summary>How a <see cref="PlatformFixture"/> runs the platform.</summary>
public sealed record PlatformOptions
{
    /// <summary>Services reach RabbitMQ through a <see cref="TcpProxy"/> (<see cref="PlatformFixture.BrokerLink"/>).</summary>
    public bool BrokerProxy { get; init; }

    /// <summary>Services reach Postgres through a <see cref="TcpProxy"/> (<see cref="PlatformFixture.PostgresLink"/>).</summary>
    public bool PostgresProxy { get; init; }

    /// <summary>Configuration added to (or replacing) every service's, e.g. <c>Outbox__PollInterval</c>.</summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Configuration added to (or replacing) the gateway's, e.g. <c>RateLimits__PerUserPerMinute</c>.</summary>
    public IReadOnlyDictionary<string, string> GatewayEnvironment { get; init; } = new Dictionary<string, string>();
}

/// <summary>Where the build put each component, for the configuration the tests were built in.</summary>
public sealed record BuildOutput(string Root, string Configuration)
{
    private const string TargetFramework = "net10.0";

    /// <summary>The repository root and configuration of the running test assembly (<c>.../bin/&lt;Configuration&gt;/net10.0/</c>).</summary>
    public static BuildOutput Locate()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        var configuration = bin.Parent?.Name
            ?? throw new InvalidOperationException($"Cannot tell the build configuration from {AppContext.BaseDirectory}.");
        for (var dir = bin; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EOffice.sln")))
            {
                return new BuildOutput(dir.FullName, configuration);
            }
        }

        throw new InvalidOperationException($"No EOffice.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary><c>services/&lt;Pascal&gt;/EOffice.&lt;Pascal&gt;/bin/&lt;Configuration&gt;/net10.0/EOffice.&lt;Pascal&gt;.dll</c>.</summary>
    public string ServiceDll(string service)
    {
        var pascal = char.ToUpperInvariant(service[0]) + service[1..];
        return Path.Combine(Root, "services", pascal, $"EOffice.{pascal}", "bin", Configuration, TargetFramework, $"EOffice.{pascal}.dll");
    }

    /// <summary>The published web app (<c>.eoffice/web/wwwroot</c>, where <c>./eoffice</c> publishes it; <c>EOFFICE_WEB_ROOT</c> overrides).</summary>
    public string WebRoot => Environment.GetEnvironmentVariable("EOFFICE_WEB_ROOT") is { Length: > 0 } root
        ? root
        : Path.Combine(Root, ".eoffice", "web", "wwwroot");

    /// <summary><c>gateway/EOffice.Gateway/bin/&lt;Configuration&gt;/net10.0/EOffice.Gateway.dll</c>.</summary>
    public string GatewayDll => Path.Combine(Root, "gateway", "EOffice.Gateway", "bin", Configuration, TargetFramework, "EOffice.Gateway.dll");
}
