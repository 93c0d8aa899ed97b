using EOffice.Correspondence;
using EOffice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCorrespondence();

var app = builder.Build();
app.UseServiceDefaults();
app.MapCorrespondenceApi();
app.Run();
