using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConsultDesk.IntegrationTests.Operations;

[Collection(SqliteCollection.Name)]
public sealed class StartupStepsTests(SqliteApp app)
{
    [Fact]
    public void The_startup_steps_start_in_order_before_the_job_server_and_the_sample_data()
    {
        // Hosted services start in registration order, one after another.
        var order = app.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();
        string[] steps = [nameof(DatabaseMigration), nameof(ReportRowsBackfill), nameof(AdminBootstrap), nameof(JobSchedules)];

        var positions = steps.Select(step => order.IndexOf(step)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0, string.Join(", ", order)));
        Assert.Equal(positions.Order(), positions);
        Assert.True(positions[^1] < order.IndexOf(nameof(SampleMunicipalities)));
        var server = order.IndexOf("BackgroundJobServerHostedService");
        Assert.True(server < 0 || positions[^1] < server, string.Join(", ", order));
    }
}
