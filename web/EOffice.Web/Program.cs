using EOffice.Web;
using EOffice.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using MudBlazor.Services;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

builder.Services.AddMudServices(config =>
{
    config.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter;
    config.SnackbarConfiguration.VisibleStateDuration = 5000;
});
builder.Services.AddScoped(sp =>
{
    var navigation = sp.GetRequiredService<NavigationManager>();
    return new HttpClient(new ApiHandler(navigation) { InnerHandler = new HttpClientHandler() })
    {
        BaseAddress = new Uri(navigation.BaseUri),
    };
});
builder.Services.AddScoped<Api>();
builder.Services.AddScoped<Session>();
builder.Services.AddScoped<Notifications>();
builder.Services.AddScoped<Files>();
builder.Services.AddScoped<Lookups>();

await builder.Build().RunAsync();
