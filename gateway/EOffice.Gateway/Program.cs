using EOffice.Gateway;
using EOffice.Gateway.WebApp;
using EOffice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();
app.UseWebApp();
app.UseServiceDefaults();
app.MapGateway();
app.Run();
