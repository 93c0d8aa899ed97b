namespace EOffice.Deploy.Tests;

/// <summary>
/// deploy/docker-compose.yml: valid for docker compose v2 and Debian's docker-compose 1.29, every
/// reference between services holds, every app is configured for containers, and the
/// variables match deploy/.env.example. (CI also runs <c>docker-compose config</c> on it.)
/// </summary>
public sealed class ComposeTests
{
    // Ports the infrastructure images listen on; every app listens on 8080.
    private static readonly Dictionary<string, int[]> InfrastructurePorts = new(StringComparer.Ordinal)
    {
        ["postgres"] = [5432],
        ["rabbitmq"] = [5672, 15672],
        ["otel-collector"] = [4317, 4318, 8889, 13133],
        ["jaeger"] = [4317, 4318, 16686],
    };

    [Fact]
    public void The_file_uses_only_what_both_compose_implementations_accept()
    {
        var root = Compose.Root;
        var problems = new List<string>();
        foreach (var key in root.Keys)
        {
            if (key is not ("services" or "volumes" or "networks" or "configs" or "secrets") && !key.StartsWith("x-", StringComparison.Ordinal))
            {
                problems.Add($"top-level '{key}': docker-compose 1.29 rejects it (or compose v2 warns that it is obsolete)");
            }
        }

        if (Keys(root).Contains("start_interval"))
        {
            problems.Add("healthcheck start_interval: docker-compose 1.29 rejects it");
        }

        if (Compose.Variables().Any(v => Compose.Text.Contains($"${{{v.Name}:?", StringComparison.Ordinal)))
        {
            problems.Add("${VAR:?...}: `docker-compose config` in CI has no .env; give defaults instead");
        }

        KubernetesManifestTests.AssertNone(problems);
    }

    [Fact]
    public void Every_app_is_built_from_the_one_dockerfile_and_can_be_scaled()
    {
        var problems = new List<string>();
        var apps = Compose.Apps().ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        foreach (var expected in Repo.Services.Append("gateway"))
        {
            if (!apps.ContainsKey(expected))
            {
                problems.Add($"no compose service '{expected}'");
            }
        }

        foreach (var (name, app) in apps)
        {
            var context = Path.GetFullPath(Path.Combine(Repo.Deploy, app.At("build", "context").Text ?? "."));
            if (context != Path.GetFullPath(Repo.Root))
            {
                problems.Add($"{name}: build context {context} is not the repository root");
            }

            var dockerfile = Path.Combine(context, app.At("build", "dockerfile").Text ?? "Dockerfile");
            if (Path.GetFullPath(dockerfile) != Path.Combine(Repo.Deploy, "Dockerfile"))
            {
                problems.Add($"{name}: builds with {dockerfile}, not deploy/Dockerfile");
            }

            var args = app.At("build", "args").StringMap();
            if (args.GetValueOrDefault("PROJECT") != Repo.ProjectFile(name))
            {
                problems.Add($"{name}: build arg PROJECT is '{args.GetValueOrDefault("PROJECT")}', expected {Repo.ProjectFile(name)}");
            }

            if (args.GetValueOrDefault("DLL") != Path.GetFileNameWithoutExtension(Repo.ProjectFile(name)) + ".dll")
            {
                problems.Add($"{name}: build arg DLL is '{args.GetValueOrDefault("DLL")}'");
            }

            if (Directory.Exists(Repo.PathOf(Repo.ProjectDir(name))) && !File.Exists(Repo.PathOf(Repo.ProjectFile(name))))
            {
                problems.Add($"{name}: {Repo.ProjectFile(name)} does not exist");
            }

            if (app["container_name"].Exists)
            {
                problems.Add($"{name}: container_name prevents --scale");
            }

            if (name != "gateway" && app["ports"].Exists)
            {
                problems.Add($"{name}: publishes ports; only the gateway is reachable from outside (and a fixed host port prevents --scale)");
            }

            var test = string.Join(' ', app.At("healthcheck", "test").Items.Select(i => i.Text));
            if (!test.Contains("/health/ready", StringComparison.Ordinal))
            {
                problems.Add($"{name}: healthcheck does not probe /health/ready");
            }

            if (Compose.Environment(app).GetValueOrDefault("ASPNETCORE_HTTP_PORTS") != "8080")
            {
                problems.Add($"{name}: ASPNETCORE_HTTP_PORTS must be 8080");
            }
        }

        var gatewayPorts = apps.GetValueOrDefault("gateway")?["ports"].Items.Select(p => Compose.Interpolate(p.Text ?? "")).ToList() ?? [];
        if (!gatewayPorts.Any(p => p.EndsWith(":8080:8080", StringComparison.Ordinal)))
        {
            problems.Add($"gateway: must be published on host port 8080 by default (has: {string.Join(", ", gatewayPorts)})");
        }

        KubernetesManifestTests.AssertNone(problems);
    }

    [Fact]
    public void Depends_on_names_services_and_waits_only_for_health_checks_that_exist()
    {
        var services = Compose.Services;
        var names = services.Keys.ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (name, service) in services.Entries)
        {
            var deps = service["depends_on"].IsList
                ? service["depends_on"].Items.Select(i => (Name: i.Text ?? "", Condition: "service_started"))
                : service["depends_on"].Entries.Select(e => (Name: e.Key, Condition: e.Value["condition"].Text ?? "service_started"));
            foreach (var (dep, condition) in deps)
            {
                if (!names.Contains(dep))
                {
                    problems.Add($"{name}: depends_on '{dep}', which is not a service");
                }
                else if (condition == "service_healthy" && !services[dep]["healthcheck"].Exists)
                {
                    problems.Add($"{name}: waits for {dep} to be healthy, but {dep} has no healthcheck");
                }
                else if (condition is not ("service_started" or "service_healthy" or "service_completed_successfully"))
                {
                    problems.Add($"{name}: depends_on condition '{condition}'");
                }
            }
        }

        foreach (var (name, app) in Compose.Apps())
        {
            var deps = app["depends_on"].Keys.ToHashSet(StringComparer.Ordinal);
            var needed = name == "gateway" ? Repo.Services : name == "directory" ? ["postgres", "rabbitmq"] : new[] { "postgres", "rabbitmq", "directory" };
            foreach (var dep in needed.Where(d => !deps.Contains(d)))
            {
                problems.Add($"{name}: should wait for {dep}");
            }
        }

        KubernetesManifestTests.AssertNone(problems);
    }

    [Fact]
    public void Every_address_in_the_settings_is_a_compose_service()
    {
        var services = Compose.Services;
        var problems = new List<string>();
        foreach (var (name, service) in services.Entries)
        {
            // Auth__Issuer and *__PublicUrl are the public URL users see, not addresses the apps call.
            foreach (var (key, value) in Compose.Environment(service).Where(e => e.Key != "Auth__Issuer" && !e.Key.EndsWith("__PublicUrl", StringComparison.Ordinal)))
            {
                foreach (var (host, port) in Repo.Endpoints(value))
                {
                    if (host.Contains('.', StringComparison.Ordinal))
                    {
                        continue; // outside the compose network
                    }

                    if (!services[host].Exists)
                    {
                        problems.Add($"{name} {key}: '{host}' is not a compose service");
                        continue;
                    }

                    var ports = InfrastructurePorts.GetValueOrDefault(host) ?? (services[host]["build"].Exists ? [8080] : []);
                    if (port is { } p && !ports.Contains(p))
                    {
                        problems.Add($"{name} {key}: {host} does not listen on {p}");
                    }
                }
            }
        }

        KubernetesManifestTests.AssertNone(problems);
    }

    [Fact]
    public void Every_service_uses_its_own_role_and_the_credentials_the_infrastructure_is_given()
    {
        var services = Compose.Services;
        var postgres = services["postgres"]["environment"].StringMap();
        var rabbit = Compose.Environment(services["rabbitmq"]);
        var problems = new List<string>();
        foreach (var name in Repo.Services)
        {
            var raw = services[name]["environment"].StringMap();
            var env = Compose.Environment(services[name]);
            var connection = raw.GetValueOrDefault("ConnectionStrings__Postgres") ?? "";
            var variable = $"EOFFICE_{name.ToUpperInvariant()}_DB_PASSWORD";
            if (!connection.Contains($"Username=eoffice_{name};", StringComparison.Ordinal) || !connection.Contains("Database=eoffice;", StringComparison.Ordinal))
            {
                problems.Add($"{name}: ConnectionStrings__Postgres must use database eoffice and role eoffice_{name}");
            }

            var password = connection[(connection.IndexOf("Password=", StringComparison.Ordinal) + "Password=".Length)..];
            if (postgres.GetValueOrDefault(variable) != password || !password.StartsWith($"${{{variable}", StringComparison.Ordinal))
            {
                problems.Add($"{name}: the role's password must be ${{{variable}}}, the same the postgres init script is given");
            }

            var amqp = new Uri(env.GetValueOrDefault("ConnectionStrings__RabbitMq") ?? "amqp://x");
            if (amqp.UserInfo != $"{rabbit.GetValueOrDefault("RABBITMQ_DEFAULT_USER")}:{rabbit.GetValueOrDefault("RABBITMQ_DEFAULT_PASS")}")
            {
                problems.Add($"{name}: ConnectionStrings__RabbitMq does not use the broker's account");
            }

            foreach (var key in new[] { "Auth__Issuer", "Auth__MetadataAddress", "Internal__Key", "Internal__DirectoryUrl", "Internal__DispositionUrl", "OTEL_EXPORTER_OTLP_ENDPOINT" })
            {
                if (string.IsNullOrEmpty(env.GetValueOrDefault(key)))
                {
                    problems.Add($"{name}: {key} is not set");
                }
            }
        }

        var mounts = services["postgres"]["volumes"].Items.Select(v => v.Text ?? "").ToList();
        if (!mounts.Any(m => m.Contains("/docker-entrypoint-initdb.d/", StringComparison.Ordinal)))
        {
            problems.Add("postgres: no init script mounted in /docker-entrypoint-initdb.d");
        }

        KubernetesManifestTests.AssertNone(problems);
    }

    [Fact]
    public void The_gateway_routes_every_cluster_to_its_service()
    {
        var env = Compose.Environment(Compose.Services["gateway"]);
        var problems = new List<string>();
        foreach (var cluster in Repo.GatewayClusters())
        {
            var key = $"ReverseProxy__Clusters__{cluster}__Destinations__d1__Address";
            if (env.GetValueOrDefault(key) != $"http://{cluster}:8080/")
            {
                problems.Add($"gateway: {key} is '{env.GetValueOrDefault(key)}', expected http://{cluster}:8080/");
            }

            if (!Compose.Services[cluster].Exists)
            {
                problems.Add($"gateway: cluster {cluster} has no compose service");
            }
        }

        var required = env.Where(e => e.Key.StartsWith("Gateway__RequiredClusters__", StringComparison.Ordinal)).Select(e => e.Value).Order(StringComparer.Ordinal);
        if (!required.SequenceEqual(Repo.Services.Order(StringComparer.Ordinal)))
        {
            problems.Add($"gateway: Gateway__RequiredClusters__N are [{string.Join(", ", required)}]; expected every service");
        }

        KubernetesManifestTests.AssertNone(problems);
    }

    [Fact]
    public void Volumes_are_declared_and_mounted_files_exist()
    {
        var root = Compose.Root;
        var declared = root["volumes"].Keys.ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (name, service) in root["services"].Entries)
        {
            foreach (var volume in service["volumes"].Items.Select(v => v.Text ?? ""))
            {
                var source = volume.Split(':')[0];
                if (source.StartsWith('.') || source.StartsWith('/'))
                {
                    if (!File.Exists(Path.Combine(Repo.Deploy, source)) && !Directory.Exists(Path.Combine(Repo.Deploy, source)))
                    {
                        problems.Add($"{name}: mounts {source}, which does not exist beside the compose file");
                    }
                }
                else if (!declared.Contains(source))
                {
                    problems.Add($"{name}: named volume '{source}' is not declared under volumes:");
                }
            }
        }

        KubernetesManifestTests.AssertNone(problems);
    }

    [Fact]
    public void The_env_example_lists_every_variable_with_the_same_default()
    {
        var example = Compose.EnvExample();
        var problems = new List<string>();
        foreach (var group in Compose.Variables().GroupBy(v => v.Name))
        {
            var defaults = group.Select(v => v.Default).Distinct().ToList();
            if (defaults.Count > 1)
            {
                problems.Add($"${{{group.Key}}} has different defaults in the compose file: {string.Join(" | ", defaults)}");
            }

            if (!example.TryGetValue(group.Key, out var value))
            {
                problems.Add($"${{{group.Key}}} is not in .env.example");
            }
            else if (defaults[0] is { } d && d != value)
            {
                problems.Add($"${{{group.Key}}}: .env.example says '{value}', the compose default is '{d}'");
            }
        }

        var used = Compose.Variables().Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        // COMPOSE_* variables configure compose itself.
        foreach (var name in example.Keys.Where(n => !used.Contains(n) && !n.StartsWith("COMPOSE_", StringComparison.Ordinal)))
        {
            problems.Add($".env.example sets {name}, which the compose file never reads");
        }

        KubernetesManifestTests.AssertNone(problems);
    }

    private static IEnumerable<string> Keys(Node node) =>
        node.Entries.SelectMany(e => Keys(e.Value).Prepend(e.Key)).Concat(node.Items.SelectMany(Keys));

    [Fact]
    public void Interpolation_follows_compose_rules()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["A"] = "a", ["EMPTY"] = "" };
        Assert.Equal("a-x-y-$A-", Compose.Interpolate("${A}-${MISSING:-x}-${EMPTY:-y}-$$A-${EMPTY-z}", env));
        Assert.Equal("http://directory:8080", Compose.Interpolate("http://directory:8080"));
    }
}
