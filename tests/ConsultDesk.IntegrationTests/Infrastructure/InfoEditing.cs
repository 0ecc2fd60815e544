using ConsultDesk.Features.Info;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ConsultDesk.IntegrationTests.Infrastructure;

/// <summary>The app on a fake clock, for the portal's editing tests: scheduled publication happens when the test runs the sweep.</summary>
public abstract class InfoEditApp(string provider) : ConsultDeskAppFactory(provider)
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero));

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>One run of the publish sweep, as the info job runs it (no HTTP request: the system).</summary>
    public async Task<PublishScheduledInfo.Response> SweepAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new PublishScheduledInfo.Command());
    }
}

public sealed class InfoEditSqliteApp() : InfoEditApp("Sqlite");

public sealed class InfoEditPostgresApp() : InfoEditApp("Postgres");

[CollectionDefinition(Name)]
public sealed class InfoEditSqliteCollection : ICollectionFixture<InfoEditSqliteApp>
{
    public const string Name = "info editing on SQLite";
}

[CollectionDefinition(Name)]
public sealed class InfoEditPostgresCollection : ICollectionFixture<InfoEditPostgresApp>
{
    public const string Name = "info editing on PostgreSQL";
}
