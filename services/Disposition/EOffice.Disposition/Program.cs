using EOffice.Disposition;
using EOffice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDisposition();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDispositionApi();
app.Run();
