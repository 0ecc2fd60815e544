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
    return 0;
}
// Apply the migrations and exit (for MigrateOnStartup=false: migrate once, then start every instance).
if (args is ["migrate", ..])
    return await Maintenance.MigrateAsync(app.Services);
// A consistent copy of the database, keys and pickup mail; safe while the app serves requests.
if (args is ["backup", var backupTarget, ..])
    return await Maintenance.BackupAsync(app.Services, backupTarget);
// Into the configured data directory, which must be empty unless --force (stop the app first).
if (args is ["restore", var restoreSource, .. var restoreOptions])
    return await Maintenance.RestoreAsync(app.Services, restoreSource, restoreOptions.Contains("--force"));
if (args is ["backup" or "restore"])
{
    Console.Error.WriteLine("Usage: dotnet ConsultDesk.Web.dll backup DIR | restore DIR [--force]");
    return 2;
}

app.UseConsultDesk();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
