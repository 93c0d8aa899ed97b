using EOffice.Archive;
using EOffice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddArchive();

var app = builder.Build();
app.UseServiceDefaults();
app.MapArchiveApi();
app.Run();
