using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ConsultDesk.Common;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Files;

public enum ScanVerdict
{
    Clean,
    Infected,
    /// <summary>The scanner could not be asked (down, refused, timed out, answered an error): the file is not known to be clean.</summary>
    Unavailable,
}

/// <param name="Signature">The scanner's name for what it found; only for logs of an infected file.</param>
public sealed record ScanResult(ScanVerdict Verdict, string? Signature = null);

/// <summary>Scans a file before the desk accepts it; <see cref="IsConfigured"/> false means every file counts as not scanned.</summary>
public interface IVirusScanner
{
    bool IsConfigured { get; }
    Task<ScanResult> ScanAsync(Stream content, CancellationToken cancellationToken);
}

/// <summary>
/// A ClamAV daemon over its INSTREAM protocol (clamd(8)): <c>zINSTREAM\0</c>, then chunks each prefixed with their
/// length as a 4-byte big-endian number, a zero length to end, and one reply, <c>stream: OK</c> or
/// <c>stream: &lt;name&gt; FOUND</c>. The endpoint is <c>tcp://host:port</c> or a unix socket path (<c>unix:///run/clamav/clamd.ctl</c> or
/// <c>/run/clamav/clamd.ctl</c>). Anything else (no daemon, a timeout, <c>size limit exceeded</c>) is
/// <see cref="ScanVerdict.Unavailable"/>: the caller fails closed.
/// </summary>
public sealed class ClamAvScanner(IOptions<ConsultDeskOptions> options) : IVirusScanner
{
    private const int ChunkBytes = 64 * 1024;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Attachments.ClamAv);

    public async Task<ScanResult> ScanAsync(Stream content, CancellationToken cancellationToken)
    {
        if (!IsConfigured) return new ScanResult(ScanVerdict.Unavailable);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Attachments.ScanTimeout);
        try
        {
            using var socket = await ConnectAsync(options.Value.Attachments.ClamAv!.Trim(), timeout.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), timeout.Token);
            var buffer = new byte[4 + ChunkBytes];
            while (true)
            {
                var read = await content.ReadAsync(buffer.AsMemory(4, ChunkBytes), timeout.Token);
                BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
                await stream.WriteAsync(buffer.AsMemory(0, 4 + read), timeout.Token);
                if (read == 0) break;
            }
            await stream.FlushAsync(timeout.Token);
            var reply = await ReadReplyAsync(stream, timeout.Token);
            return Interpret(reply);
        }
        catch (Exception ex) when (ex is SocketException or IOException or UriFormatException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ScanResult(ScanVerdict.Unavailable);
        }
    }

    /// <summary>clamd's answer to one INSTREAM: <c>stream: OK</c>, <c>stream: Name FOUND</c>, or an error.</summary>
    public static ScanResult Interpret(string reply)
    {
        reply = reply.TrimEnd('\0', '\n', ' ');
        if (reply.EndsWith(" OK", StringComparison.Ordinal) && !reply.Contains("ERROR", StringComparison.Ordinal)) return new ScanResult(ScanVerdict.Clean);
        if (reply.EndsWith(" FOUND", StringComparison.Ordinal))
        {
            var start = reply.IndexOf(':') + 1;
            return new ScanResult(ScanVerdict.Infected, reply[start..^" FOUND".Length].Trim());
        }
        return new ScanResult(ScanVerdict.Unavailable);
    }

    private static async Task<Socket> ConnectAsync(string endpoint, CancellationToken cancellationToken)
    {
        Socket socket;
        EndPoint target;
        if (endpoint.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            var uri = new Uri(endpoint);
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            target = new DnsEndPoint(uri.Host, uri.Port > 0 ? uri.Port : 3310);
        }
        else
        {
            var path = endpoint.StartsWith("unix://", StringComparison.OrdinalIgnoreCase) ? endpoint["unix://".Length..] : endpoint;
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            target = new UnixDomainSocketEndPoint(path);
        }
        try
        {
            await socket.ConnectAsync(target, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<string> ReadReplyAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reply = new List<byte>();
        var buffer = new byte[256];
        while (reply.Count < 4096)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0) break;
            var end = Array.IndexOf(buffer, (byte)0, 0, read);
            reply.AddRange(buffer.Take(end >= 0 ? end : read));
            if (end >= 0) break;
        }
        return Encoding.UTF8.GetString(reply.ToArray());
    }
}
