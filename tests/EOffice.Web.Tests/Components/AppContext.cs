using Bunit;

namespace EOffice.Web.Tests.Components;

/// <summary>A bUnit context with the app's services over a <see cref="FakeApi"/>, disposed asynchronously (MudBlazor's services need it).</summary>
public abstract class AppContext : BunitContext, IAsyncLifetime
{
    /// <summary>The stand-in API.</summary>
    protected FakeApi Api { get; } = new();

    /// <summary>Registers the services.</summary>
    protected AppContext() => Api.Register(this);

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
