using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultDesk.IntegrationTests.Infrastructure;

/// <summary>
/// A small HTTP/1.1 server on a raw socket (127.0.0.1, a free port) for the link checker's tests: one request per
/// connection, every request counted by path, and the misbehaviour a real site shows (a slow answer, a reset
/// connection, a refused HEAD). /many/* answers after a pause and records how many such requests were in flight at once.
/// </summary>
public sealed class LinkTestServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int inFlight, maxInFlight;

    public const string Robots = "# test site\nUser-agent: other-bot\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\nAllow: /private/open\n";

    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);
    public int MaxInFlight => Volatile.Read(ref maxInFlight);
    public Uri Base { get; }

    public LinkTestServer()
    {
        listener.Start();
        Base = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        accepting = Task.Run(AcceptAsync);
    }

    public string Url(string path) => new Uri(Base, path).AbsoluteUri;

    public int Count(string path) => Requests.TryGetValue(path, out var n) ? n : 0;

    public int CountUnder(string prefix) => Requests.Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(r => r.Value);

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await listener.AcceptSocketAsync(stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            using var stream = new NetworkStream(socket, ownsSocket: false);
            var head = await ReadHeadAsync(stream);
            if (head is null) return;
            var parts = head.Split(' ', 3);
            var (method, path) = (parts[0], parts.Length > 1 ? parts[1] : "/");
            Requests.AddOrUpdate(method + " " + path, 1, (_, n) => n + 1);
            Requests.AddOrUpdate(path, 1, (_, n) => n + 1);
            var route = path.Split('?')[0];
            switch (route)
            {
                case "/robots.txt": await AnswerAsync(stream, method, 200, "OK", Robots); break;
                case "/ok" or "/private/x" or "/private/open": await AnswerAsync(stream, method, 200, "OK", "<p>ok</p>"); break;
                case "/moved": await AnswerAsync(stream, method, 301, "Moved Permanently", "", "Location: /ok"); break;
                case "/missing": await AnswerAsync(stream, method, 404, "Not Found", "<p>missing</p>"); break;
                case "/head-405":
                    if (method == "HEAD") await AnswerAsync(stream, method, 405, "Method Not Allowed", "", "Allow: GET");
                    else await AnswerAsync(stream, method, 200, "OK", "<p>get only</p>");
                    break;
                case "/slow":
                    // Never answers: waits until the client gives up and closes (or 10 s pass).
                    using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
                    {
                        wait.CancelAfter(TimeSpan.FromSeconds(10));
                        try { _ = await stream.ReadAsync(new byte[1], wait.Token); } catch (Exception) { /* closed */ }
                    }
                    break;
                case "/reset":
                    socket.LingerState = new LingerOption(true, 0);   // close with RST, not FIN
                    break;
                default:
                    if (route.StartsWith("/many/", StringComparison.Ordinal))
                    {
                        var now = Interlocked.Increment(ref inFlight);
                        int seen;
                        while ((seen = Volatile.Read(ref maxInFlight)) < now && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen) { }
                        try { await Task.Delay(120, stop.Token); }
                        finally { Interlocked.Decrement(ref inFlight); }
                        await AnswerAsync(stream, method, 200, "OK", "<p>many</p>");
                    }
                    else await AnswerAsync(stream, method, 404, "Not Found", "");
                    break;
            }
        }
        catch (Exception) { /* the client went away */ }
        finally
        {
            socket.Close();
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read));
            if (n == 0) return null;
            read += n;
            var text = Encoding.ASCII.GetString(buffer, 0, read);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0) return text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        }
        return null;
    }

    private static async Task AnswerAsync(NetworkStream stream, string method, int status, string reason, string body, params string[] headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder($"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n");
        foreach (var header in headers) head.Append(header).Append("\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        if (method != "HEAD") await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }
}

/// <summary>The link checker's weekly run, as the job sends it, limited to one test server's links (the app holds other tests' and the sample items' links too).</summary>
public static class LinkChecks
{
    public static async Task<ConsultDesk.Features.Info.CheckLinks.Response> RunWeeklyAsync(ConsultDeskAppFactory app, LinkTestServer server)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new ConsultDesk.Features.Info.CheckLinks.Command(server.Base.AbsoluteUri));
    }
}
