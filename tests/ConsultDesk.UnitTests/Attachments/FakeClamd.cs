using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConsultDesk.UnitTests.Attachments;

/// <summary>
/// A stand-in for clamd speaking INSTREAM on a loopback port: it reads the chunks and answers FOUND when the stream
/// holds the EICAR test string, OK otherwise. The real daemon is tested in the integration tests when tests/run.sh starts it.
/// </summary>
public sealed class FakeClamd : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;

    public FakeClamd()
    {
        listener.Start();
        serving = ServeAsync();
    }

    public string Endpoint => $"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    public int Scans { get; private set; }

    private async Task ServeAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                await using var stream = client.GetStream();
                var command = new byte[10];
                await stream.ReadExactlyAsync(command, stop.Token);
                if (Encoding.ASCII.GetString(command) != "zINSTREAM\0") continue;
                using var content = new MemoryStream();
                var length = new byte[4];
                while (true)
                {
                    await stream.ReadExactlyAsync(length, stop.Token);
                    var size = (int)BinaryPrimitives.ReadUInt32BigEndian(length);
                    if (size == 0) break;
                    var chunk = new byte[size];
                    await stream.ReadExactlyAsync(chunk, stop.Token);
                    content.Write(chunk);
                }
                Scans++;
                var infected = Encoding.ASCII.GetString(content.ToArray()).Contains(SampleFiles.Eicar, StringComparison.Ordinal);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(infected ? "stream: Eicar-Test-Signature FOUND\0" : "stream: OK\0"), stop.Token);
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    /// <summary>An endpoint where nothing listens.</summary>
    public static string Unreachable()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"tcp://127.0.0.1:{port}";
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try { await serving; } catch (SocketException) { }
        stop.Dispose();
    }
}
