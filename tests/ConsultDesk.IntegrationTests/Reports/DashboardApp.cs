using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Reports;

/// <summary>An app with a database of its own, so the dashboard's counts are exactly the cases its tests submit.</summary>
public sealed class DashboardApp() : ConsultDeskAppFactory("Sqlite");

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardApp>
{
    public const string Name = "dashboard app on SQLite";
}
