using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using ConsultDesk.Common;
using ConsultDesk.Domain.Info;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Info;

/// <summary>The checker's verdict on one link, as <see cref="InfoLink.Record"/> stores it.</summary>
public sealed record LinkVerdict(LinkState State, int? HttpStatus, string? FinalUrl, string? Redirects, string? Detail)
{
    /// <summary>Whether the link was requested at all (robots.txt forbade it, or it is not http/https, or an address is refused).</summary>
    public bool Requested { get; init; } = true;
}

/// <summary>
/// Checks external links over HTTP, politely: HEAD first and GET (reading at most <see cref="BodyBytes"/>) when a
/// server refuses HEAD; every redirect followed by hand and recorded; robots.txt read once per site per run; at most
/// <see cref="LinkCheckOptions.PerHostConcurrency"/> requests in flight per host; only http and https; and, unless
/// <see cref="LinkCheckOptions.AllowPrivateAddresses"/>, never a connection to a loopback, private or link-local
/// address (checked where the connection is made, so every redirect hop and a DNS answer that changes are covered).
/// </summary>
public sealed class LinkChecker(IHttpClientFactory httpClients, IOptions<ConsultDeskOptions> options, ILogger<LinkChecker> logger)
{
    public const string HttpClientName = "info-link-checker";
    public const int BodyBytes = 4 * 1024;
    public const int RobotsBytes = 64 * 1024;

    /// <summary>A run: its per-host limits and robots.txt rules live as long as it does (one weekly run, one "check now").</summary>
    public LinkCheckRun StartRun() => new(httpClients.CreateClient(HttpClientName), options.Value.Info.LinkCheck, logger);

    /// <summary>The handler the named client uses: no automatic redirects, no proxy, and the address guard on every connection.</summary>
    public static SocketsHttpHandler CreateHandler(LinkCheckOptions settings) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds)),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var endPoint = context.DnsEndPoint;
            IPAddress[] addresses = IPAddress.TryParse(endPoint.Host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
            if (!settings.AllowPrivateAddresses)
            {
                var refused = addresses.Where(IsPrivate).ToList();
                if (refused.Count > 0) throw new PrivateAddressException(refused[0]);
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT, unspecified and multicast addresses.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => b[1] >= 64 && b[1] <= 127,
            169 => b[1] == 254,
            172 => b[1] >= 16 && b[1] <= 31,
            192 => b[1] == 168 || (b[1] == 0 && b[2] == 0),
            >= 224 => true,
            _ => false,
        };
    }
}

/// <summary>A connection the address guard refused.</summary>
public sealed class PrivateAddressException(IPAddress address) : IOException($"Refused to connect to a private address ({address}).")
{
    public IPAddress Address { get; } = address;
}

/// <summary>One run of the checker (see <see cref="LinkChecker"/>); thread-safe, so a run checks many links at once.</summary>
public sealed class LinkCheckRun(HttpClient http, LinkCheckOptions settings, ILogger logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<Task<RobotsTxt>>> robots = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeSpan timeout = TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds));

    private sealed record Answer(int Status, Uri? Location);

    public async Task<LinkVerdict> CheckAsync(string url, CancellationToken cancellationToken)
    {
        if (!InfoMarkdown.IsExternal(url, out var current))
            return new(LinkState.Broken, null, null, null, "http または https の URL ではありません。") { Requested = false };
        var hops = new List<string>();
        for (var hop = 0; ; hop++)
        {
            var rules = await RobotsAsync(current, cancellationToken);
            if (!rules.Allows(current))
                return new(LinkState.Unchecked, null, hops.Count > 0 ? current.AbsoluteUri : null, Chain(hops),
                    hops.Count > 0 ? $"リダイレクト先 {current.AbsoluteUri} への確認は robots.txt で禁止されています。" : "robots.txt で確認が禁止されているため、確認していません。")
                { Requested = hops.Count > 0 };
            Answer answer;
            try
            {
                answer = await RequestAsync(current, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                return new(LinkState.Broken, null, hops.Count > 0 ? current.AbsoluteUri : null, Chain(hops), Describe(ex))
                { Requested = ex.GetBaseException() is not PrivateAddressException };
            }
            if (answer.Status is >= 300 and < 400 && answer.Location is not null)
            {
                if (hop >= settings.MaxRedirects)
                    return new(LinkState.Broken, answer.Status, current.AbsoluteUri, Chain(hops), $"リダイレクトが多すぎます（{settings.MaxRedirects} 回まで）。");
                var next = new Uri(current, answer.Location);
                hops.Add($"{answer.Status} {next.AbsoluteUri}");
                if (!InfoMarkdown.IsExternal(next.AbsoluteUri, out var target))
                    return new(LinkState.Broken, answer.Status, null, Chain(hops), "リダイレクト先が http または https の URL ではありません。");
                current = target;
                continue;
            }
            if (answer.Status is >= 200 and < 300)
                return hops.Count == 0
                    ? new(LinkState.Ok, answer.Status, null, null, null)
                    : new(LinkState.Redirected, answer.Status, current.AbsoluteUri, Chain(hops), $"{hops.Count} 回のリダイレクトの後、HTTP {answer.Status}。");
            return new(LinkState.Broken, answer.Status, hops.Count > 0 ? current.AbsoluteUri : null, Chain(hops), StatusText(answer.Status));
        }
    }

    private static string? Chain(List<string> hops) => hops.Count == 0 ? null : Clip(string.Join('\n', hops), InfoContent.MaxUrlLength * 5);

    private static string Clip(string text, int max) => text.Length > max ? text[..max] : text;

    /// <summary>HEAD, then GET when the server refuses HEAD (405, 501, 403) or drops it; under the host's limit and the timeout.</summary>
    private async Task<Answer> RequestAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            var head = await SendAsync(HttpMethod.Head, url, cancellationToken);
            if (head.Status is not (405 or 501 or 403)) return head;
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse
                                                  or HttpRequestError.Unknown && ex.GetBaseException() is not PrivateAddressException)
        {
            // Some servers drop HEAD: ask once more with GET before calling the link broken.
        }
        return await SendAsync(HttpMethod.Get, url, cancellationToken);
    }

    private async Task<Answer> SendAsync(HttpMethod method, Uri url, CancellationToken cancellationToken)
    {
        var gate = hosts.GetOrAdd(url.IdnHost, _ => new SemaphoreSlim(Math.Max(1, settings.PerHostConcurrency)));
        await gate.WaitAsync(cancellationToken);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            using var request = new HttpRequestMessage(method, url);
            request.Headers.TryAddWithoutValidation("User-Agent", settings.UserAgent);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*", 0.8));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (method == HttpMethod.Get) await ReadSomeAsync(response, LinkChecker.BodyBytes, deadline.Token);
            return new((int)response.StatusCode, response.Headers.Location);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<byte[]> ReadSomeAsync(HttpResponseMessage response, int max, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[max];
        var read = 0;
        while (read < max)
        {
            var n = await body.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0) break;
            read += n;
        }
        return buffer[..read];
    }

    /// <summary>The site's robots.txt, fetched once per run (at most <see cref="LinkChecker.RobotsBytes"/>; a missing or unreachable file allows everything).</summary>
    private Task<RobotsTxt> RobotsAsync(Uri url, CancellationToken cancellationToken) =>
        robots.GetOrAdd(url.GetLeftPart(UriPartial.Authority), origin => new Lazy<Task<RobotsTxt>>(() => FetchRobotsAsync(new Uri(origin + "/robots.txt"), cancellationToken))).Value;

    private async Task<RobotsTxt> FetchRobotsAsync(Uri url, CancellationToken cancellationToken)
    {
        var gate = hosts.GetOrAdd(url.IdnHost, _ => new SemaphoreSlim(Math.Max(1, settings.PerHostConcurrency)));
        await gate.WaitAsync(cancellationToken);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("User-Agent", settings.UserAgent);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode) return RobotsTxt.AllowAll;
            var bytes = await ReadSomeAsync(response, LinkChecker.RobotsBytes, deadline.Token);
            return RobotsTxt.Parse(Encoding.UTF8.GetString(bytes), settings.UserAgent);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // Unreachable: the link's own request will say why; nothing is forbidden by a file we could not read.
            logger.LogDebug("robots.txt of {Host} unreadable: {Error}", url.IdnHost, ex.GetType().Name);
            return RobotsTxt.AllowAll;
        }
        finally
        {
            gate.Release();
        }
    }

    private string Describe(Exception ex)
    {
        if (ex is OperationCanceledException) return $"タイムアウト: {settings.TimeoutSeconds} 秒以内に応答がありませんでした。";
        if (ex.GetBaseException() is PrivateAddressException p)
            return $"内部ネットワークのアドレス（{p.Address}）には接続しません。";
        for (Exception? e = ex; e is not null; e = e.InnerException)
            if (e is SocketException s)
                switch (s.SocketErrorCode)
                {
                    case SocketError.ConnectionRefused: return "接続を拒否されました（connection refused）。";
                    case SocketError.ConnectionReset: return "接続がリセットされました（connection reset）。";
                    case SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain: return "ホスト名を解決できません（DNS エラー）。";
                    case SocketError.TimedOut: return $"タイムアウト: {settings.TimeoutSeconds} 秒以内に接続できませんでした。";
                }
        return ex is HttpRequestException h ? h.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "ホスト名を解決できません（DNS エラー）。",
            HttpRequestError.ConnectionError => "サーバーに接続できません。",
            HttpRequestError.SecureConnectionError => "TLS（https）の接続を確立できません（証明書など）。",
            HttpRequestError.ResponseEnded => "応答の途中で接続が切断されました。",
            HttpRequestError.InvalidResponse => "サーバーの応答が HTTP として読めません。",
            _ => "接続に失敗しました。",
        } : "接続に失敗しました。";
    }

    internal static string StatusText(int status) => $"HTTP {status}: " + status switch
    {
        400 => "リクエストが不正です（Bad Request）。",
        401 => "認証が必要です（Unauthorized）。",
        403 => "アクセスが禁止されています（Forbidden）。",
        404 => "ページが見つかりません（Not Found）。",
        410 => "ページは削除されました（Gone）。",
        429 => "リクエストが多すぎます（Too Many Requests）。",
        500 => "サーバーエラー（Internal Server Error）。",
        502 => "ゲートウェイエラー（Bad Gateway）。",
        503 => "サービスが利用できません（Service Unavailable）。",
        504 => "ゲートウェイのタイムアウト（Gateway Timeout）。",
        >= 300 and < 400 => "リダイレクト先（Location）が示されていません。",
        >= 500 => "サーバーエラー。",
        _ => "エラー応答です。",
    };
}
