using System.Diagnostics;
using System.Net;
using EOffice.Contracts;
using EOffice.Gateway.Events;

namespace EOffice.Gateway.Tests;

public sealed class AsyncApiTests(GatewayFixture platform) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task The_AsyncAPI_document_is_served_and_lists_every_public_exchange_and_no_internal_one()
    {
        var response = await platform.Client.GetAsync("/api/docs/asyncapi.yaml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        var yaml = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# Generated from shared/EOffice.Contracts", yaml, StringComparison.Ordinal);
        foreach (var exchange in PublicExchanges.Events.Keys)
        {
            Assert.Contains($"\"address\": \"{exchange}\"", yaml, StringComparison.Ordinal);
        }

        Assert.Contains("eoffice.letter-sent", PublicExchanges.Events.Keys);
        Assert.DoesNotContain(PublicExchanges.InternalPrefix, yaml.Replace("eoffice.internal.* ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void No_public_event_can_carry_a_letters_body_or_files()
    {
        var schemas = AsyncApiDocument.Build()["components"]!["schemas"]!.AsObject();

        foreach (var (name, schema) in schemas)
        {
            var properties = schema!["properties"]?.AsObject();
            Assert.False(properties?.ContainsKey("body") ?? false, $"{name} has a body");
            Assert.False(properties?.ContainsKey("attachments") ?? false, $"{name} has attachments");
        }

        var sent = schemas["LetterSent"]!["properties"]!.AsObject();
        Assert.True(sent.ContainsKey("number") && sent.ContainsKey("recipients") && sent.ContainsKey("subject"));
    }

    [Fact]
    public async Task The_AsyncAPI_document_is_valid_for_the_reference_parser()
    {
        var tool = Path.Combine(RepositoryRoot(), "tests", "asyncapi");
        if (!System.IO.Directory.Exists(Path.Combine(tool, "node_modules", "@asyncapi", "parser")))
        {
            var (installed, log) = await RunAsync("npm", tool, "ci", "--ignore-scripts", "--no-audit", "--no-fund");
            Assert.True(installed == 0, $"npm ci in tests/asyncapi failed:\n{log}");
        }

        var file = Path.Combine(Path.GetTempPath(), $"eoffice-asyncapi-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, AsyncApiDocument.Text);
        try
        {
            var (exit, output) = await RunAsync("node", tool, "validate.mjs", file);
            Assert.True(exit == 0, $"@asyncapi/parser refused the document:\n{output}");
            Assert.Contains($"{PublicExchanges.Events.Count} channels", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EOffice.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EOffice.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
