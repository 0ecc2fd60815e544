using ConsultDesk.Data;
using ConsultDesk.Features.Reports;
using ConsultDesk.Web.Hosting;
using Mediator;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddConsultDesk();

var app = builder.Build();

// Maintenance commands run against the configured database and exit; the app itself should be stopped meanwhile.
if (args is ["rebuild-report-rows", ..])
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>().Database.MigrateAsync();
    var count = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RebuildReportRows.Command());
    Console.WriteLine($"Rebuilt the report rows of {count} cases.");
    return;
}

app.UseConsultDesk();
app.Run();

/// <summary>Entry point, public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
