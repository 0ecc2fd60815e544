namespace ConsultDesk.IntegrationTests.Infrastructure;

/// <summary>The real servers tests/run.sh starts; a test that needs one fails loudly when it is missing.</summary>
public static class TestEnvironment
{
    public static string PostgresAdminConnectionString => Required("CONSULTDESK_TEST_POSTGRES");
    public static string SmtpHost => Required("CONSULTDESK_TEST_SMTP_HOST");
    public static int SmtpPort => int.Parse(Required("CONSULTDESK_TEST_SMTP_PORT"), System.Globalization.CultureInfo.InvariantCulture);
    public static string SmtpDirectory => Required("CONSULTDESK_TEST_SMTP_DIR");
    /// <summary>The folder tests/run.sh publishes the web app to (<c>dotnet publish src/ConsultDesk.Web -c Release -o …</c>).</summary>
    public static string PublishDirectory => Required("CONSULTDESK_TEST_PUBLISH_DIR");
    public static string Chromium => Environment.GetEnvironmentVariable("CONSULTDESK_TEST_CHROMIUM") ?? "/usr/bin/chromium";

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConsultDesk.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("ConsultDesk.sln not found above the test output.");
        }
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests with tests/run.sh, which starts the servers they need.");
}
