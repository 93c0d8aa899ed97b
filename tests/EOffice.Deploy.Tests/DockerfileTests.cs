using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EOffice.Deploy.Tests;

/// <summary>
/// deploy/Dockerfile cannot be built here (no Docker engine), so what a build would trip over
/// is checked instead: the files it copies exist, no app needs a project it does not copy, and
/// the ignore file keeps what it needs.
/// </summary>
public sealed partial class DockerfileTests
{
    private static string Dockerfile => File.ReadAllText(Path.Combine(Repo.Deploy, "Dockerfile"));

    [Fact]
    public void It_builds_on_the_sdk_and_runs_on_aspnet_as_non_root_with_a_health_check()
    {
        var text = Dockerfile;
        Assert.Matches(@"(?m)^ARG SDK_IMAGE=mcr\.microsoft\.com/dotnet/sdk:10\.0$", text);
        Assert.Matches(@"(?m)^ARG RUNTIME_IMAGE=mcr\.microsoft\.com/dotnet/aspnet:10\.0$", text);
        Assert.Matches(@"(?m)^FROM \$\{SDK_IMAGE\} AS build$", text);
        Assert.Matches(@"(?m)^ARG PROJECT=", text);
        Assert.Matches(@"(?m)^ARG DLL=", text);
        Assert.Matches(@"(?m)^RUN dotnet restore ""\$PROJECT""", text);
        Assert.Matches(@"(?m)^RUN dotnet publish ""\$PROJECT"" -c Release -o /app", text);
        Assert.Matches(@"(?m)^HEALTHCHECK .*\n?.*/health/ready", text);
        Assert.Matches(@"(?m)^ENTRYPOINT ", text);

        // The last stage (the image) switches to the non-root user before its entry point.
        var runtime = text[text.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        Assert.StartsWith("FROM ${RUNTIME_IMAGE} ", runtime.Split('\n')[1], StringComparison.Ordinal);
        Assert.Matches(@"(?m)^USER \$APP_UID", runtime);
        Assert.True(runtime.IndexOf("\nUSER ", StringComparison.Ordinal) < runtime.IndexOf("\nENTRYPOINT", StringComparison.Ordinal));
    }

    [Fact]
    public void The_files_it_copies_exist()
    {
        var text = Dockerfile;
        var problems = new List<string>();
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "shared/EOffice.Contracts/EOffice.Contracts.csproj", "shared/EOffice.ServiceDefaults/EOffice.ServiceDefaults.csproj", "shared/EOffice.OrgChart/EOffice.OrgChart.csproj" })
        {
            if (!text.Contains(file, StringComparison.Ordinal))
            {
                problems.Add($"the Dockerfile does not copy {file} for restore");
            }

            if (!File.Exists(Repo.PathOf(file)))
            {
                problems.Add($"{file} does not exist");
            }
        }

        foreach (Match copy in ContextCopy().Matches(text))
        {
            var source = copy.Groups[1].Value;
            if (source != "." && !File.Exists(Repo.PathOf(source)) && !Directory.Exists(Repo.PathOf(source)))
            {
                problems.Add($"COPY {source}: not in the repository");
            }
        }

        var healthcheck = Path.Combine(Repo.Deploy, "healthcheck.sh");
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(healthcheck) & UnixFileMode.UserExecute) == 0)
        {
            problems.Add("deploy/healthcheck.sh is not executable");
        }

        KubernetesManifestTests.AssertNone(problems);
    }

    [Fact]
    public void Every_app_references_only_the_shared_projects_the_dockerfile_copies()
    {
        var problems = new List<string>();
        foreach (var app in Repo.Services.Append("gateway"))
        {
            var project = Repo.PathOf(Repo.ProjectFile(app));
            if (!File.Exists(project))
            {
                continue; // a service still being written
            }

            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var include = (reference.Attribute("Include")?.Value ?? "").Replace('\\', '/');
                var target = Path.GetRelativePath(Repo.Root, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include))).Replace('\\', '/');
                if (target is not ("shared/EOffice.Contracts/EOffice.Contracts.csproj" or "shared/EOffice.ServiceDefaults/EOffice.ServiceDefaults.csproj"
                    or "shared/EOffice.OrgChart/EOffice.OrgChart.csproj"))
                {
                    problems.Add($"{Repo.ProjectFile(app)} references {target}, which deploy/Dockerfile does not copy");
                }
            }

            foreach (var item in XDocument.Load(project).Descendants().Where(e => e.Attribute("Include")?.Value.Contains("..", StringComparison.Ordinal) == true && e.Name.LocalName != "ProjectReference"))
            {
                problems.Add($"{Repo.ProjectFile(app)}: {item.Name.LocalName} {item.Attribute("Include")!.Value} reaches outside the project folder");
            }
        }

        KubernetesManifestTests.AssertNone(problems);
    }

    [Fact]
    public void The_ignore_file_keeps_what_the_build_needs()
    {
        var patterns = File.ReadAllLines(Path.Combine(Repo.Deploy, "Dockerfile.dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var needed = new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "shared/EOffice.Contracts", "shared/EOffice.ServiceDefaults", "shared/EOffice.OrgChart", "services", "gateway", "deploy/healthcheck.sh" };
        var problems = needed.Where(n => patterns.Any(p => n == p || n.StartsWith(p + "/", StringComparison.Ordinal))).Select(n => $"Dockerfile.dockerignore excludes {n}").ToList();
        foreach (var must in new[] { ".git", "**/bin", "**/obj" })
        {
            if (!patterns.Contains(must))
            {
                problems.Add($"Dockerfile.dockerignore should exclude {must}");
            }
        }

        KubernetesManifestTests.AssertNone(problems);
    }

    // COPY <source> <dest> from the build context (not --from=stage).
    [GeneratedRegex(@"(?m)^COPY (?!--from)(?:--\S+ )*(\S+) \S+\s*$")]
    private static partial Regex ContextCopy();
}
