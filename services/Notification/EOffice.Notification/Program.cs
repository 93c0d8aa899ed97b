using EOffice.Notification;
using EOffice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotification();

var app = builder.Build();
app.UseServiceDefaults();
app.MapNotificationApi();
app.Run();
