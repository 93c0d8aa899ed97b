using System.Globalization;
using System.Text.RegularExpressions;

namespace EOffice.Deploy.Tests;

/// <summary>
/// deploy/k8s: every manifest parses, every overlay builds, and the references between objects
/// (names, ports, labels, keys) hold, so that a typo fails here instead of in a cluster.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly string[] Apps = [.. Repo.Services, "gateway"];

    private static readonly Dictionary<string, KustomizeBuild> Builds = new(StringComparer.Ordinal);

    public static TheoryData<string> OverlayNames()
    {
        var data = new TheoryData<string>();
        foreach (var dir in KustomizeBuild.Overlays())
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Fact]
    public void There_is_a_base_and_an_example_overlay()
    {
        Assert.True(File.Exists(Path.Combine(Repo.K8s, "base", "kustomization.yaml")));
        Assert.Contains("example", KustomizeBuild.Overlays().Select(Path.GetFileName));
    }

    [Fact]
    public void Every_manifest_parses_and_names_its_objects()
    {
        var problems = new List<string>();
        var files = YamlFiles();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var documents = Yaml.LoadAll(file);
            if (documents.Count == 0)
            {
                problems.Add($"{Rel(file)}: no YAML document");
            }

            foreach (var doc in documents)
            {
                if (string.IsNullOrEmpty(doc["apiVersion"].Text) || string.IsNullOrEmpty(doc["kind"].Text))
                {
                    problems.Add($"{Rel(file)}: a document without apiVersion or kind");
                }
                else if (doc["kind"].Text != "Kustomization" && string.IsNullOrEmpty(doc.At("metadata", "name").Text))
                {
                    problems.Add($"{Rel(file)}: a {doc["kind"].Text} without metadata.name");
                }
            }
        }

        AssertNone(problems);
    }

    [Fact]
    public void Every_manifest_is_part_of_an_overlay()
    {
        var used = KustomizeBuild.Overlays().SelectMany(o => Build(Path.GetFileName(o)).Files).ToHashSet(StringComparer.Ordinal);
        var unused = YamlFiles().Where(f => !used.Contains(f)).Select(Rel).ToList();
        AssertNone(unused.Select(f => $"{f} is not reached from any overlay (a resource or patch nobody applies)"));
    }

    [Theory]
    [MemberData(nameof(OverlayNames))]
    public void The_overlay_builds(string overlay) => AssertNone(OverlayProblems(Build(overlay)));

    internal static List<string> OverlayProblems(KustomizeBuild build)
    {
        var problems = new List<string>(build.Problems);
        foreach (var dup in build.Objects.GroupBy(o => (o.Kind, o.Name)).Where(g => g.Count() > 1))
        {
            problems.Add($"{dup.Key.Kind}/{dup.Key.Name} is defined {dup.Count()} times: {string.Join(", ", dup)}");
        }

        foreach (var app in Apps)
        {
            if (build.Find("Deployment", app) is null)
            {
                problems.Add($"no Deployment '{app}'");
            }
        }

        return problems;
    }

    [Theory]
    [MemberData(nameof(OverlayNames))]
    public void Deployments_select_their_pods_probe_health_and_name_existing_config(string overlay) => AssertNone(DeploymentProblems(Build(overlay)));

    internal static List<string> DeploymentProblems(KustomizeBuild build)
    {
        var problems = new List<string>();
        foreach (var deployment in build.OfKind("Deployment"))
        {
            var selector = deployment.Spec.At("selector", "matchLabels").StringMap();
            var labels = PodLabels(deployment);
            if (selector.Count == 0)
            {
                problems.Add($"{deployment}: empty selector.matchLabels");
            }

            foreach (var (key, value) in selector)
            {
                if (!labels.TryGetValue(key, out var actual) || actual != value)
                {
                    problems.Add($"{deployment}: selector {key}={value} does not match the pod template labels");
                }
            }

            var pod = deployment.Spec.At("template", "spec");
            if (pod.At("securityContext", "runAsNonRoot").Text != "true" || pod.At("securityContext", "seccompProfile", "type").Text != "RuntimeDefault")
            {
                problems.Add($"{deployment}: pods must run as non-root with the RuntimeDefault seccomp profile");
            }

            var volumes = pod["volumes"].Items.Select(v => v["name"].Text).ToHashSet(StringComparer.Ordinal);
            var containers = pod["containers"].Items.ToList();
            if (containers.Count == 0)
            {
                problems.Add($"{deployment}: no containers");
            }

            foreach (var container in containers)
            {
                var where = $"{deployment} container {container["name"].Text}";
                if (string.IsNullOrEmpty(container["image"].Text))
                {
                    problems.Add($"{where}: no image");
                }

                var security = container["securityContext"];
                if (security["allowPrivilegeEscalation"].Text != "false" || security["readOnlyRootFilesystem"].Text != "true"
                    || !security.At("capabilities", "drop").Items.Any(c => c.Text == "ALL"))
                {
                    problems.Add($"{where}: securityContext must forbid privilege escalation, drop ALL capabilities and make the root file system read-only");
                }

                var ports = ContainerPorts(container);
                CheckProbe(problems, where, container, "readinessProbe", "/health/ready", ports);
                CheckProbe(problems, where, container, "livenessProbe", "/health/live", ports);
                if (container["startupProbe"].Exists)
                {
                    CheckProbe(problems, where, container, "startupProbe", "/health/live", ports);
                }

                foreach (var required in new[] { "requests.cpu", "requests.memory", "limits.memory" })
                {
                    if (!container.At(["resources", .. required.Split('.')]).Exists)
                    {
                        problems.Add($"{where}: no resources.{required}");
                    }
                }

                foreach (var mount in container["volumeMounts"].Items)
                {
                    if (!volumes.Contains(mount["name"].Text))
                    {
                        problems.Add($"{where}: volumeMount '{mount["name"].Text}' names no volume of the pod");
                    }
                }

                CheckEnvironment(build, problems, where, container);
            }
        }

        return problems;
    }

    [Theory]
    [MemberData(nameof(OverlayNames))]
    public void Services_select_existing_pods_on_existing_ports(string overlay) => AssertNone(ServiceProblems(Build(overlay)));

    internal static List<string> ServiceProblems(KustomizeBuild build)
    {
        var problems = new List<string>();
        foreach (var service in build.OfKind("Service"))
        {
            var selector = service.Spec["selector"].StringMap();
            if (selector.Count == 0)
            {
                problems.Add($"{service}: no selector");
                continue;
            }

            var targets = Selected(build, selector).ToList();
            if (targets.Count != 1)
            {
                problems.Add($"{service}: selects the pods of {targets.Count} Deployments ({string.Join(", ", targets.Select(t => t.Name))}); expected exactly one");
                continue;
            }

            var ports = targets[0].Spec.At("template", "spec", "containers").Items.SelectMany(ContainerPorts).ToList();
            foreach (var port in service.Spec["ports"].Items)
            {
                var target = port["targetPort"].Text ?? port["port"].Text ?? "";
                if (!ports.Any(p => p.Name == target || p.Number.ToString(CultureInfo.InvariantCulture) == target))
                {
                    problems.Add($"{service}: targetPort '{target}' is not a port of Deployment {targets[0].Name}");
                }
            }
        }

        foreach (var app in Apps)
        {
            if (!build.OfKind("Service").Any(s => build.Find("Deployment", app) is { } d && Selected(build, s.Spec["selector"].StringMap()).Contains(d)))
            {
                problems.Add($"no Service in front of Deployment {app}");
            }
        }

        foreach (var ingress in build.OfKind("Ingress"))
        {
            foreach (var backend in ingress.Spec["rules"].Items.SelectMany(r => r.At("http", "paths").Items).Select(p => p.At("backend", "service")))
            {
                var service = build.Find("Service", backend["name"].Text ?? "");
                if (service is null)
                {
                    problems.Add($"{ingress}: backend Service '{backend["name"].Text}' does not exist");
                    continue;
                }

                var name = backend.At("port", "name").Text;
                var number = backend.At("port", "number").Text;
                if (!service.Spec["ports"].Items.Any(p => (name is not null && p["name"].Text == name) || (number is not null && p["port"].Text == number)))
                {
                    problems.Add($"{ingress}: backend port {name ?? number} is not a port of Service {service.Name}");
                }
            }
        }

        return problems;
    }

    [Theory]
    [MemberData(nameof(OverlayNames))]
    public void Autoscalers_and_disruption_budgets_target_existing_deployments(string overlay) => AssertNone(ScalingProblems(Build(overlay)));

    internal static List<string> ScalingProblems(KustomizeBuild build)
    {
        var problems = new List<string>();
        var minReplicas = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var hpa in build.OfKind("HorizontalPodAutoscaler"))
        {
            var target = hpa.Spec["scaleTargetRef"];
            var deployment = build.Find(target["kind"].Text ?? "", target["name"].Text ?? "");
            if (target["kind"].Text != "Deployment" || target["apiVersion"].Text != "apps/v1" || deployment is null)
            {
                problems.Add($"{hpa}: scaleTargetRef {target["apiVersion"].Text} {target["kind"].Text}/{target["name"].Text} is not an existing apps/v1 Deployment");
                continue;
            }

            if (hpa.ApiVersion != "autoscaling/v2")
            {
                problems.Add($"{hpa}: use autoscaling/v2");
            }

            var min = KustomizeBuild.Int(hpa.Spec["minReplicas"]);
            var max = KustomizeBuild.Int(hpa.Spec["maxReplicas"]);
            if (min < 2 || max < min)
            {
                problems.Add($"{hpa}: minReplicas {min}, maxReplicas {max} (need 2 <= min <= max)");
            }

            minReplicas[deployment.Name] = min;
            if (deployment.Spec["replicas"].Exists)
            {
                problems.Add($"{deployment}: sets spec.replicas although {hpa} scales it (every apply would reset the count)");
            }

            var usesCpu = hpa.Spec["metrics"].Items.Any(m => m.At("resource", "name").Text == "cpu");
            if (usesCpu && deployment.Spec.At("template", "spec", "containers").Items.Any(c => !c.At("resources", "requests", "cpu").Exists))
            {
                problems.Add($"{hpa}: scales on cpu but {deployment} has a container without a cpu request");
            }
        }

        foreach (var pdb in build.OfKind("PodDisruptionBudget"))
        {
            var targets = Selected(build, pdb.Spec.At("selector", "matchLabels").StringMap()).ToList();
            if (targets.Count != 1)
            {
                problems.Add($"{pdb}: selects the pods of {targets.Count} Deployments; expected exactly one");
                continue;
            }

            var floor = minReplicas.TryGetValue(targets[0].Name, out var m) ? m
                : targets[0].Spec["replicas"].Exists ? KustomizeBuild.Int(targets[0].Spec["replicas"]) : 1;
            if (pdb.Spec["minAvailable"].Text is { } minAvailable && !minAvailable.EndsWith('%')
                && int.Parse(minAvailable, CultureInfo.InvariantCulture) >= floor)
            {
                problems.Add($"{pdb}: minAvailable {minAvailable} with at least {floor} replicas blocks every node drain");
            }

            if (!pdb.Spec["minAvailable"].Exists && !pdb.Spec["maxUnavailable"].Exists)
            {
                problems.Add($"{pdb}: neither minAvailable nor maxUnavailable");
            }
        }

        foreach (var app in Apps)
        {
            var deployment = build.Find("Deployment", app);
            if (deployment is null)
            {
                continue;
            }

            if (build.OfKind("HorizontalPodAutoscaler").Count(h => h.Spec.At("scaleTargetRef", "name").Text == app) != 1)
            {
                problems.Add($"Deployment {app} needs exactly one HorizontalPodAutoscaler");
            }

            if (build.OfKind("PodDisruptionBudget").Count(p => Selected(build, p.Spec.At("selector", "matchLabels").StringMap()).Contains(deployment)) != 1)
            {
                problems.Add($"Deployment {app} needs exactly one PodDisruptionBudget");
            }
        }

        return problems;
    }

    [Theory]
    [MemberData(nameof(OverlayNames))]
    public void Every_address_in_the_settings_is_a_service_of_the_cluster(string overlay) => AssertNone(AddressProblems(Build(overlay)));

    internal static List<string> AddressProblems(KustomizeBuild build)
    {
        var problems = new List<string>();
        foreach (var (where, value) in Settings(build))
        {
            foreach (var (host, port) in Repo.Endpoints(value))
            {
                if (host.Contains('.', StringComparison.Ordinal))
                {
                    continue; // another namespace or outside the cluster
                }

                if (!Reachable(build, host, port))
                {
                    problems.Add($"{where}: '{host}{(port is null ? "" : ":" + port)}' is no Service (and port) of this overlay");
                }
            }

            foreach (Match amqp in AmqpVhost().Matches(value))
            {
                var vhost = Uri.UnescapeDataString(amqp.Groups[1].Value);
                if (!build.OfKind("Vhost").Any(v => v.Spec["name"].Text == vhost))
                {
                    problems.Add($"{where}: RabbitMQ virtual host '{vhost}' is not created by any Vhost");
                }
            }
        }

        return problems;
    }

    [Theory]
    [MemberData(nameof(OverlayNames))]
    public void The_gateway_routes_every_cluster_to_a_service(string overlay) => AssertNone(GatewayRouteProblems(Build(overlay)));

    internal static List<string> GatewayRouteProblems(KustomizeBuild build)
    {
        var env = EffectiveEnvironment(build, build.Find("Deployment", "gateway")!);
        var problems = new List<string>();
        foreach (var cluster in Repo.GatewayClusters())
        {
            var key = $"ReverseProxy__Clusters__{cluster}__Destinations__d1__Address";
            if (!env.TryGetValue(key, out var address))
            {
                problems.Add($"gateway: {key} is not set (it would point at 127.0.0.1)");
                continue;
            }

            var (host, _) = Repo.Endpoints(address).First();
            var service = build.Find("Service", host);
            var deployment = build.Find("Deployment", cluster);
            if (service is null || deployment is null || !Selected(build, service.Spec["selector"].StringMap()).Contains(deployment))
            {
                problems.Add($"gateway: cluster {cluster} points at '{host}', which is no Service of Deployment {cluster}");
            }
            else if (service.Spec["clusterIP"].Text != "None")
            {
                problems.Add($"gateway: cluster {cluster} should use a headless Service, so that DNS names every pod");
            }
        }

        var required = env.Where(e => e.Key.StartsWith("Gateway__RequiredClusters__", StringComparison.Ordinal)).Select(e => e.Value).Order(StringComparer.Ordinal);
        if (!required.SequenceEqual(Repo.Services.Order(StringComparer.Ordinal)))
        {
            problems.Add($"gateway: Gateway__RequiredClusters__N are [{string.Join(", ", required)}]; expected every service");
        }

        return problems;
    }

    [Theory]
    [MemberData(nameof(OverlayNames))]
    public void The_database_cluster_has_a_role_and_schema_per_service_and_enough_connections(string overlay) => AssertNone(DatabaseProblems(Build(overlay)));

    internal static List<string> DatabaseProblems(KustomizeBuild build)
    {
        var problems = new List<string>();
        var cluster = Assert.Single(build.OfKind("Cluster"));
        Assert.Equal("postgresql.cnpg.io/v1", cluster.ApiVersion);
        var roles = cluster.Spec.At("managed", "roles").Items.ToDictionary(r => r["name"].Text ?? "", StringComparer.Ordinal);
        var sql = string.Join('\n', cluster.Spec.At("bootstrap", "initdb", "postInitApplicationSQL").Items.Select(i => i.Text));
        var database = cluster.Spec.At("bootstrap", "initdb", "database").Text;
        foreach (var (name, role) in roles)
        {
            var secretName = role.At("passwordSecret", "name").Text ?? "";
            var secret = build.Find("Secret", secretName);
            if (secret is null)
            {
                problems.Add($"{cluster}: role {name}'s passwordSecret '{secretName}' does not exist");
            }
            else if (secret.Root["type"].Text != "kubernetes.io/basic-auth" || secret.Value("username") != name || secret.Value("password") is null)
            {
                problems.Add($"{secret}: must be kubernetes.io/basic-auth with username {name} and a password");
            }
        }

        foreach (var service in Repo.Services)
        {
            var role = $"eoffice_{service}";
            if (!roles.ContainsKey(role))
            {
                problems.Add($"{cluster}: no managed role {role}");
            }

            if (!sql.Contains($"create schema {service} authorization {role}", StringComparison.Ordinal))
            {
                problems.Add($"{cluster}: postInitApplicationSQL does not create schema {service} owned by {role}");
            }

            var deployment = build.Find("Deployment", service);
            if (deployment is null)
            {
                continue;
            }

            var container = deployment.Spec.At("template", "spec", "containers").Items.First();
            var env = container["env"].Items.ToDictionary(e => e["name"].Text ?? "", StringComparer.Ordinal);
            var connection = env.GetValueOrDefault("ConnectionStrings__Postgres")?["value"].Text ?? "";
            if (!connection.Contains($"Username={role};", StringComparison.Ordinal) || !connection.Contains($"Database={database};", StringComparison.Ordinal))
            {
                problems.Add($"{deployment}: ConnectionStrings__Postgres must use Username={role} and Database={database}");
            }

            var passwordVar = PasswordVariable().Match(connection).Groups[1].Value;
            var passwordSecret = env.GetValueOrDefault(passwordVar)?.At("valueFrom", "secretKeyRef", "name").Text;
            var roleSecret = roles.GetValueOrDefault(role)?.At("passwordSecret", "name").Text;
            if (passwordSecret is null || passwordSecret != roleSecret)
            {
                problems.Add($"{deployment}: the database password comes from '{passwordSecret}', but role {role} gets its password from '{roleSecret}'");
            }
        }

        // Every pod of every service may open Database__MaxPoolSize connections.
        var pool = int.Parse(build.Find("ConfigMap", "eoffice-config")?.Value("Database__MaxPoolSize") ?? "20", CultureInfo.InvariantCulture);
        var pods = build.OfKind("HorizontalPodAutoscaler")
            .Where(h => Repo.Services.Contains(h.Spec.At("scaleTargetRef", "name").Text))
            .Sum(h => KustomizeBuild.Int(h.Spec["maxReplicas"]));
        var maxConnections = int.Parse(cluster.Spec.At("postgresql", "parameters", "max_connections").Text ?? "100", CultureInfo.InvariantCulture);
        if (pods * pool + 20 > maxConnections)
        {
            problems.Add($"{cluster}: max_connections {maxConnections} < {pods} pods x {pool} connections + 20 reserved");
        }

        return problems;
    }

    [Theory]
    [MemberData(nameof(OverlayNames))]
    public void The_broker_has_a_quorum_vhost_and_the_services_account(string overlay) => AssertNone(BrokerProblems(Build(overlay)));

    internal static List<string> BrokerProblems(KustomizeBuild build)
    {
        var problems = new List<string>();
        var clusters = build.OfKind("RabbitmqCluster").Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(clusters);
        foreach (var o in build.Objects.Where(o => o.Kind is "Vhost" or "User" or "Permission" or "Policy" or "Queue"))
        {
            if (!clusters.Contains(o.Spec.At("rabbitmqClusterReference", "name").Text ?? ""))
            {
                problems.Add($"{o}: rabbitmqClusterReference names no RabbitmqCluster");
            }
        }

        var vhosts = build.OfKind("Vhost").ToList();
        if (vhosts.Count == 0 || vhosts.Any(v => v.Spec["defaultQueueType"].Text != "quorum"))
        {
            problems.Add("every Vhost must have defaultQueueType: quorum (replicated queues)");
        }

        var user = Assert.Single(build.OfKind("User"));
        var credentials = build.Find("Secret", user.Spec.At("importCredentialsSecret", "name").Text ?? "");
        if (credentials is null || !credentials.DataKeys.Contains("username") || !credentials.DataKeys.Contains("password"))
        {
            problems.Add($"{user}: importCredentialsSecret must be a Secret with username and password");
        }

        foreach (var permission in build.OfKind("Permission"))
        {
            if (build.Find("User", permission.Spec.At("userReference", "name").Text ?? "") is null)
            {
                problems.Add($"{permission}: userReference names no User");
            }

            if (!vhosts.Any(v => v.Spec["name"].Text == permission.Spec["vhost"].Text))
            {
                problems.Add($"{permission}: vhost '{permission.Spec["vhost"].Text}' is created by no Vhost");
            }
        }

        foreach (var service in Repo.Services)
        {
            var container = build.Find("Deployment", service)?.Spec.At("template", "spec", "containers").Items.First();
            var refs = container?["env"].Items
                .Where(e => e["name"].Text is "RABBITMQ_USERNAME" or "RABBITMQ_PASSWORD")
                .Select(e => e.At("valueFrom", "secretKeyRef", "name").Text).Distinct().ToList() ?? [];
            if (refs.Count != 1 || refs[0] != credentials?.Name)
            {
                problems.Add($"Deployment {service}: RABBITMQ_USERNAME/RABBITMQ_PASSWORD must come from {credentials?.Name}, the User's Secret");
            }
        }

        return problems;
    }

    internal static KustomizeBuild Build(string overlay)
    {
        lock (Builds)
        {
            if (!Builds.TryGetValue(overlay, out var build))
            {
                build = KustomizeBuild.Of(Path.Combine(Repo.K8s, "overlays", overlay));
                Builds[overlay] = build;
            }

            return build;
        }
    }

    internal static List<string> YamlFiles() =>
        Directory.EnumerateFiles(Repo.K8s, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();

    /// <summary>Every setting of every app: ConfigMap data and literal env values, with where they are.</summary>
    internal static IEnumerable<(string Where, string Value)> Settings(KustomizeBuild build)
    {
        foreach (var map in build.OfKind("ConfigMap"))
        {
            foreach (var key in map.DataKeys)
            {
                yield return ($"{map} {key}", map.Value(key) ?? "");
            }
        }

        foreach (var deployment in build.OfKind("Deployment"))
        {
            foreach (var env in deployment.Spec.At("template", "spec", "containers").Items.SelectMany(c => c["env"].Items))
            {
                if (env["value"].Text is { } value)
                {
                    yield return ($"{deployment} env {env["name"].Text}", value);
                }
            }
        }
    }

    /// <summary>The environment a Deployment's first container gets from envFrom and literal env.</summary>
    internal static Dictionary<string, string> EffectiveEnvironment(KustomizeBuild build, K8sObject deployment)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var container = deployment.Spec.At("template", "spec", "containers").Items.First();
        foreach (var from in container["envFrom"].Items)
        {
            var source = from["configMapRef"].Exists
                ? build.Find("ConfigMap", from.At("configMapRef", "name").Text ?? "")
                : build.Find("Secret", from.At("secretRef", "name").Text ?? "");
            foreach (var key in source?.DataKeys ?? [])
            {
                env[key] = source!.Value(key) ?? "";
            }
        }

        foreach (var e in container["env"].Items)
        {
            if (e["value"].Text is { } value)
            {
                env[e["name"].Text ?? ""] = value;
            }
        }

        return env;
    }

    private static bool Reachable(KustomizeBuild build, string host, int? port)
    {
        if (build.Find("Service", host) is { } service)
        {
            return port is null || service.Spec["ports"].Items.Any(p => p["port"].Text == port.Value.ToString(CultureInfo.InvariantCulture));
        }

        // CloudNativePG makes <cluster>-rw, -ro and -r; the RabbitMQ operator a Service named after the cluster.
        var cnpg = build.OfKind("Cluster").Any(c => host == $"{c.Name}-rw" || host == $"{c.Name}-ro" || host == $"{c.Name}-r");
        if (cnpg)
        {
            return port is null or 5432;
        }

        return build.OfKind("RabbitmqCluster").Any(c => c.Name == host) && port is null or 5672 or 15672;
    }

    private static void CheckProbe(List<string> problems, string where, Node container, string probe, string path, List<(string? Name, int Number)> ports)
    {
        var get = container.At(probe, "httpGet");
        if (!get.Exists)
        {
            problems.Add($"{where}: no {probe}.httpGet");
            return;
        }

        if (get["path"].Text != path)
        {
            problems.Add($"{where}: {probe} checks '{get["path"].Text}', expected {path}");
        }

        var port = get["port"].Text ?? "";
        if (!ports.Any(p => p.Name == port || p.Number.ToString(CultureInfo.InvariantCulture) == port))
        {
            problems.Add($"{where}: {probe} port '{port}' is not a port of the container");
        }
    }

    private static void CheckEnvironment(KustomizeBuild build, List<string> problems, string where, Node container)
    {
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var from in container["envFrom"].Items)
        {
            var (kind, name) = from["configMapRef"].Exists
                ? ("ConfigMap", from.At("configMapRef", "name").Text)
                : ("Secret", from.At("secretRef", "name").Text);
            var source = build.Find(kind, name ?? "");
            if (source is null)
            {
                problems.Add($"{where}: envFrom names {kind} '{name}', which does not exist");
                continue;
            }

            defined.UnionWith(source.DataKeys);
        }

        foreach (var env in container["env"].Items)
        {
            var name = env["name"].Text ?? "";
            foreach (var kind in new[] { "configMapKeyRef", "secretKeyRef" })
            {
                var reference = env.At("valueFrom", kind);
                if (!reference.Exists)
                {
                    continue;
                }

                var source = build.Find(kind == "configMapKeyRef" ? "ConfigMap" : "Secret", reference["name"].Text ?? "");
                if (source is null)
                {
                    problems.Add($"{where}: env {name} reads {kind} '{reference["name"].Text}', which does not exist");
                }
                else if (!source.DataKeys.Contains(reference["key"].Text))
                {
                    problems.Add($"{where}: env {name} reads key '{reference["key"].Text}', which {source} does not have");
                }
            }

            foreach (Match m in EnvReference().Matches(env["value"].Text ?? ""))
            {
                if (!defined.Contains(m.Groups[1].Value))
                {
                    problems.Add($"{where}: env {name} uses $({m.Groups[1].Value}), which is not defined before it");
                }
            }

            defined.Add(name);
        }
    }

    private static List<(string? Name, int Number)> ContainerPorts(Node container) =>
        container["ports"].Items.Select(p => (p["name"].Text, KustomizeBuild.Int(p["containerPort"]))).ToList();

    private static Dictionary<string, string> PodLabels(K8sObject deployment) =>
        deployment.Spec.At("template", "metadata", "labels").StringMap();

    private static IEnumerable<K8sObject> Selected(KustomizeBuild build, Dictionary<string, string> selector) =>
        selector.Count == 0
            ? []
            : build.OfKind("Deployment").Where(d =>
            {
                var labels = PodLabels(d);
                return selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);
            });

    internal static void AssertNone(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, $"{list.Count} problem(s):\n  " + string.Join("\n  ", list));
    }

    private static string Rel(string path) => Path.GetRelativePath(Repo.Root, path);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex EnvReference();

    [GeneratedRegex(@"Password=\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex PasswordVariable();

    [GeneratedRegex(@"amqps?://[^/\s]+/([^\s?]*)")]
    private static partial Regex AmqpVhost();
}
