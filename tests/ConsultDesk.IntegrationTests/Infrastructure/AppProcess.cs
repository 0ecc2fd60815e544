using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConsultDesk.IntegrationTests.Infrastructure;

/// <summary>The built app as its own OS process, so a test can SIGKILL it the way a crash or an OOM killer would.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;

    private AppProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The build output of the web project (the configuration the tests were built in).</summary>
    public static string BuildOutput
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
            return Path.Combine(TestEnvironment.RepositoryRoot, "src", "ConsultDesk.Web", "bin", configuration, "net10.0");
        }
    }

    /// <param name="settings">Configuration keys (with ':'), passed as environment variables.</param>
    /// <param name="port">A fixed port, e.g. to restart on the same address.</param>
    /// <param name="directory">The folder holding ConsultDesk.Web.dll: the build output unless a published folder is given.</param>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, int? port = null, string? directory = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var start = StartInfo(settings, directory ?? BuildOutput, []);
        start.Environment["ASPNETCORE_URLS"] = address.ToString();

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, address);
        // Idle, the app is ready in ~5 s; with the suite's other processes on two cores a start has come close to 60 s.
        await app.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        return app;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with code {process.ExitCode} before it was ready.");
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // still starting
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The app did not become ready in time.");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a crash.</summary>
    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs one of the app's commands (<c>backup DIR</c>, <c>migrate</c>, ...) to its end: exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(settings, BuildOutput, arguments)) ?? throw new InvalidOperationException("Could not start the app.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> settings, string directory, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, "ConsultDesk.Web.dll"), .. arguments])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return start;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
