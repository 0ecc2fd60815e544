using System.Net;
using System.Net.Sockets;

namespace ConsultDesk.IntegrationTests.Infrastructure;

/// <summary>
/// Listens on a loopback port and relays every connection, byte for byte, to another host and port: a server that
/// "comes back" on the port an app was configured with.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private readonly List<Task> relays = [];

    public TcpForwarder(int listenPort, string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener = new TcpListener(IPAddress.Loopback, listenPort);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Connections { get; private set; }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Connections++;
            lock (relays) relays.Add(RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(targetHost, targetPort, stopping.Token);
                var a = client.GetStream();
                var b = server.GetStream();
                // When either side closes, close the other: SMTP's QUIT ends with the server hanging up.
                await Task.WhenAny(a.CopyToAsync(b, stopping.Token), b.CopyToAsync(a, stopping.Token));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A relay ends when either side goes away.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        Task[] pending;
        lock (relays) pending = [.. relays];
        await Task.WhenAll(pending);
        stopping.Dispose();
    }
}
