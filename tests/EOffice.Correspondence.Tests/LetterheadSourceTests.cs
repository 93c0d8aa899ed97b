using EOffice.Correspondence.Documents;
using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EOffice.Correspondence.Tests;

/// <summary>
/// The kop surat as Correspondence reads it from Directory's internal endpoint (a stand-in Directory on loopback
/// that counts the requests and answers slowly, as a busy Directory does).
/// </summary>
public sealed class LetterheadSourceTests
{
    private static readonly Guid Agency = Guid.CreateVersion7();

    private sealed class StandInDirectory : IAsyncDisposable
    {
        private int _requests;

        public required WebApplication App { get; init; }

        public int Requests => Volatile.Read(ref _requests);

        public string Website { get; set; } = "satu.depok.go.id";

        public static async Task<StandInDirectory> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            StandInDirectory? self = null;
            var app = builder.Build();
            app.MapGet("/internal/org/units/{id:guid}/letterhead", async (Guid id) =>
            {
                Interlocked.Increment(ref self!._requests);
                await Task.Delay(TimeSpan.FromMilliseconds(400));
                return Results.Json(new LetterheadAnswer(["PEMERINTAH KOTA DEPOK", "DINAS UJI"], "Jl. Margonda Raya No. 54", null, null, self.Website, null));
            });
            self = new StandInDirectory { App = app };
            await app.StartAsync();
            return self;
        }

        public string Address => App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private static IHost Correspondence(StandInDirectory directory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration["Internal:DirectoryUrl"] = directory.Address;
        builder.Configuration["Internal:Key"] = "letterhead-test-key";
        builder.Logging.ClearProviders();
        builder.AddDirectoryClient();
        builder.Services.AddSingleton<LetterheadSource>();
        return builder.Build();
    }

    [Fact]
    public async Task A_burst_of_signings_in_one_agency_asks_Directory_once_and_a_changed_kop_shows_on_the_next_letter()
    {
        await using var directory = await StandInDirectory.StartAsync();
        using var host = Correspondence(directory);
        var source = host.Services.GetRequiredService<LetterheadSource>();

        var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => source.FindAsync(Agency, forSigning: true, CancellationToken.None)));
        Assert.All(burst, k => Assert.Equal("satu.depok.go.id", k!.Website));
        Assert.Equal(1, directory.Requests);

        // Nothing is kept once Directory has answered: the next letter reads the kop as it is now.
        directory.Website = "dua.depok.go.id";
        var next = await source.FindAsync(Agency, forSigning: true, CancellationToken.None);
        Assert.Equal("dua.depok.go.id", next!.Website);
        Assert.Equal(2, directory.Requests);
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_leaves_the_others_their_answer()
    {
        await using var directory = await StandInDirectory.StartAsync();
        using var host = Correspondence(directory);
        var source = host.Services.GetRequiredService<LetterheadSource>();

        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var gaveUp = source.FindAsync(Agency, forSigning: true, impatient.Token);
        var waits = source.FindAsync(Agency, forSigning: true, CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        Assert.Equal("satu.depok.go.id", (await waits)!.Website);
        Assert.Equal(1, directory.Requests);
    }
}
