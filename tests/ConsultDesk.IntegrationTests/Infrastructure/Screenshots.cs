namespace ConsultDesk.IntegrationTests.Infrastructure;

/// <summary>One folder for every browser test's screenshots, so a run's pictures (the issue notes list them) are found in one place.</summary>
public static class Screenshots
{
    /// <summary><c>CONSULTDESK_SCREENSHOT_DIR</c> when set, else <c>TestResults/screenshots</c> beside the test assembly.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("CONSULTDESK_SCREENSHOT_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>The full path for a screenshot file name, with the folder created.</summary>
    public static string PathFor(string fileName) => Path.Combine(System.IO.Directory.CreateDirectory(Directory).FullName, fileName);
}
