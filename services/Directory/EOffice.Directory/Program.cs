using EOffice.Directory;
using EOffice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDirectory();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDirectoryApi();
app.Run();
