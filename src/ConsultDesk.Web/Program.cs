using ConsultDesk.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddConsultDesk();

var app = builder.Build();
app.UseConsultDesk();
app.Run();

/// <summary>Entry point, public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
