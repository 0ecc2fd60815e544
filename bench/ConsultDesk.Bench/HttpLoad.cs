using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConsultDesk.Bench;

/// <summary>
/// The running app measured over HTTP, as its users meet it: anonymous intake under concurrent clients, then the
/// queue, search, case detail and the manager reports as the bootstrap admin with a bearer token.
/// </summary>
public static class HttpLoad
{
    private const string ConsultantPassword = "Bench-Consultant-2026";

    /// <summary>Creates the consultants the seeder assigns cases to, through the admin API; writes their ids, one a line.</summary>
    public static async Task UsersAsync(Arguments arguments)
    {
        using var client = await AdminAsync(arguments);
        var count = arguments.GetInt("count", 20);
        var ids = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/users", new
            {
                email = $"consultant{i:D2}@bench.example.jp", displayName = $"相談員 {i:D2}", password = ConsultantPassword, roles = new[] { "consultant" },
            });
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating consultant {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }
        await File.WriteAllLinesAsync(arguments.Get("out", "assignees.txt"), ids);
        Console.WriteLine($"created {count} consultants");
    }

    public static async Task RunAsync(Arguments arguments)
    {
        var seconds = arguments.GetInt("duration", 20);
        var clients = arguments.GetInt("clients", 16);
        var readers = arguments.GetInt("read-clients", 2);
        var references = File.ReadAllLines(arguments.Get("references", "")).Where(l => l.Length > 0).ToArray();
        var assignees = File.ReadAllLines(arguments.Get("assignees", "")).Where(l => l.Length > 0).ToArray();
        using var admin = await AdminAsync(arguments);
        using var anonymous = NewClient(arguments);

        // --phases intake,queue,search,lookup,detail,reports picks phases (default all): for measuring one change quickly.
        var phases = arguments.Get("phases", "intake,queue,search,lookup,detail,reports").Split(',');
        if (phases.Contains("intake")) await IntakeAsync(arguments, anonymous, clients, seconds, "intake");
        PeakAfter("intake");

        string[] queue =
        [
            "", "sort=submitted-desc", "status=new,triaged&sort=submitted-desc", $"assignee={assignees[0]}", "prefectureCode=13&sort=updated",
            "topic=subsidies", "inquirerType=municipality&status=in-consultation", "status=closed&sort=submitted-desc", "due=overdue",
        ];
        if (phases.Contains("queue")) await ReadPhaseAsync(arguments, admin, "queue page", readers, seconds, queue.Select(q => (Func<Random, string>)(_ => "/api/v1/cases?" + q)).ToArray(), pages: 3);
        PeakAfter("queue");

        string[] words = ["サテライト", "テレワーク", "交付金", "髙橋", "𠮷子", "函館", "ワーケーション", "量子暗号", "規程の雛形", "存在しない語句"];
        var searches = words.Select(w => (Func<Random, string>)(_ => "/api/v1/cases?q=" + Uri.EscapeDataString(w)))
            .Append(_ => "/api/v1/cases?status=closed&q=" + Uri.EscapeDataString("サテライト"))
            .Append(_ => "/api/v1/cases?status=resolved,closed&q=" + Uri.EscapeDataString("函館"))
            .ToArray();
        if (phases.Contains("search")) await ReadPhaseAsync(arguments, admin, "search", readers, seconds, searches, pages: 2);
        PeakAfter("search");

        if (phases.Contains("lookup")) await ExactLookupsAsync(arguments, admin, readers, seconds);
        PeakAfter("lookup");

        if (phases.Contains("detail")) await ReadPhaseAsync(arguments, admin, "case detail", readers, seconds,
            [random => "/api/v1/cases/" + references[random.Next(references.Length)]], pages: 1);
        PeakAfter("detail");

        if (phases.Contains("reports")) await ReportsAsync(arguments, admin, arguments.GetInt("report-runs", 5));
        PeakAfter("reports");

        void PeakAfter(string phase)
        {
            if (phases.Contains(phase)) PeakMemory.Write(arguments, phase);
        }
    }

    /// <summary>Where the seeder writes the cases the exact-lookup phase looks up: beside the references file.</summary>
    public static string LookupsPath(string referencesFile) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(referencesFile))!, "lookups.txt");

    /// <summary>
    /// The queue's exact lookups (q is an email, a phone number or a reference) for seeded cases, spelled as desks type
    /// them: the address in capitals, the phone with hyphens or in full-width digits, the reference in lower case.
    /// </summary>
    private static async Task ExactLookupsAsync(Arguments arguments, HttpClient admin, int readers, int seconds)
    {
        var path = LookupsPath(arguments.Get("references", ""));
        if (!File.Exists(path)) { Console.WriteLine("exact lookup: no lookups.txt beside the references (older seed): skipped"); return; }
        var rows = File.ReadAllLines(path).Select(l => l.Split('\t')).Where(r => r.Length == 3).ToArray();
        var phones = rows.Select(r => r[1]).Where(p => p.Length == 10).ToArray();
        if (rows.Length == 0 || phones.Length == 0) { Console.WriteLine("exact lookup: no seeded cases to look up: skipped"); return; }
        static string Url(string q) => "/api/v1/cases?q=" + Uri.EscapeDataString(q);
        static string FullWidth(string digits) => string.Concat(digits.Select(d => (char)(d - '0' + '０')));
        Func<Random, string>[] urls =
        [
            random => Url(rows[random.Next(rows.Length)][0].ToUpperInvariant()),
            random => { var p = phones[random.Next(phones.Length)]; return Url(random.Next(2) == 0 ? $"{p[..3]}-{p[3..6]}-{p[6..]}" : FullWidth(p)); },
            random => Url(rows[random.Next(rows.Length)][2].ToLowerInvariant()),
        ];
        // Each lookup must find its case: a fallback to the free-text search would measure the wrong path.
        var check = new Random(3);
        foreach (var url in urls)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>(url(check));
            if (page.GetProperty("lookup").ValueKind != JsonValueKind.String || !page.GetProperty("lookupFound").GetBoolean())
                throw new InvalidOperationException($"The exact lookup {url(new Random(3))} did not answer from its index.");
        }
        await ReadPhaseAsync(arguments, admin, "exact lookup", readers, seconds, urls, pages: 1);
    }

    /// <summary>Only the intake phase, against any server answering POST /api/v1/inquiries (the HTTP floor host).</summary>
    public static async Task IntakeOnlyAsync(Arguments arguments)
    {
        using var anonymous = NewClient(arguments);
        await IntakeAsync(arguments, anonymous, arguments.GetInt("clients", 16), arguments.GetInt("duration", 20), arguments.Get("metric", "intake"));
    }

    private static async Task IntakeAsync(Arguments arguments, HttpClient client, int clients, int seconds, string metric)
    {
        var latencies = new List<double>();
        var failures = 0;
        var statuses = new Dictionary<int, int>();
        var run = $"{DateTime.UtcNow:HHmmss}";
        // The same load, untimed, until the JIT has finished tiering the path up: right after a start, the app spent
        // 2-3 s of every 5 s compiling for the first 25-30 s of intake (dotnet-counters, 2 cores), so a phase timed from
        // the first request measured the warm-up, not the path. The HTTP floor gets the same warm-up.
        var warmUp = arguments.GetInt("warmup", Math.Min(30, 3 * seconds));
        for (var i = 0; i < 5; i++) (await client.PostAsJsonAsync("/api/v1/inquiries", Body(i, $"warm{run}-{i}"))).EnsureSuccessStatusCode();
        if (warmUp > 0) await LoadAsync($"warm{run}", warmUp, timed: false);
        var cpu = CpuAccount.Start(arguments);
        var watch = Stopwatch.StartNew();
        await LoadAsync($"load{run}", seconds, timed: true);
        var elapsedSeconds = watch.Elapsed.TotalSeconds;
        cpu?.Write(arguments, metric, latencies.Count + failures);
        latencies.Sort();
        Console.WriteLine($"{metric}: {latencies.Count} created, {failures} failed in {elapsedSeconds:F1} s with {clients} clients");
        if (failures > 0) Console.WriteLine($"{metric} failures by status: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        var extra = new { clients, created = latencies.Count, failures, seconds = elapsedSeconds };
        Results.Write(arguments, $"{metric} throughput", latencies.Count / elapsedSeconds, "req/s", extra);
        Results.Write(arguments, $"{metric} p50", Results.Percentile(latencies, 0.50), "ms", extra);
        Results.Write(arguments, $"{metric} p95", Results.Percentile(latencies, 0.95), "ms", extra);
        if (latencies.Count == 0 || failures > latencies.Count / 100)
            throw new InvalidOperationException($"{metric} failed: {failures} failures beside {latencies.Count} created.");

        Task LoadAsync(string prefix, int phaseSeconds, bool timed)
        {
            var phase = Stopwatch.StartNew();
            return Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
            {
                var own = new List<double>();
                for (var n = 0; phase.Elapsed.TotalSeconds < phaseSeconds; n++)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await client.PostAsJsonAsync("/api/v1/inquiries", Body(n + worker, $"{prefix}-{worker}-{n}"));
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (!timed) continue;
                    if (response.StatusCode == HttpStatusCode.Created) own.Add(elapsed);
                    else lock (statuses) { failures++; statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1; }
                }
                lock (latencies) latencies.AddRange(own);
            }));
        }
    }

    /// <summary>
    /// Each client walks the URLs in turn from a random start, following up to <paramref name="pages"/> keyset pages.
    /// The p95 per URL goes into the JSON as well, so a slow filter stands out from the overall figure.
    /// </summary>
    internal static async Task ReadPhaseAsync(Arguments arguments, HttpClient client, string metric, int readers, int seconds, Func<Random, string>[] urls, int pages)
    {
        var warm = new Random(1);
        foreach (var url in urls) await GetPagesAsync(client, url(warm), pages, null);
        var byUrl = urls.Select(_ => new List<double>()).ToArray();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, readers).Select(async reader =>
        {
            var random = new Random(100 + reader);
            var own = urls.Select(_ => new List<double>()).ToArray();
            for (var n = random.Next(urls.Length); watch.Elapsed.TotalSeconds < seconds; n++)
                await GetPagesAsync(client, urls[n % urls.Length](random), pages, own[n % urls.Length]);
            lock (byUrl) for (var i = 0; i < urls.Length; i++) byUrl[i].AddRange(own[i]);
        }));
        var latencies = byUrl.SelectMany(l => l).Order().ToList();
        var perUrl = byUrl.Select((l, i) =>
        {
            l.Sort();
            return new { url = Uri.UnescapeDataString(urls[i](new Random(0))), requests = l.Count, p50 = Results.Percentile(l, 0.50), p95 = Results.Percentile(l, 0.95) };
        }).ToList();
        var extra = new { readers, requests = latencies.Count, p50 = Results.Percentile(latencies, 0.50), max = latencies.Count > 0 ? latencies[^1] : double.NaN, perUrl };
        Console.WriteLine($"{metric}: {latencies.Count} requests, p50 {extra.p50:F1} ms, p95 {Results.Percentile(latencies, 0.95):F1} ms, max {extra.max:F1} ms");
        foreach (var slow in perUrl.OrderByDescending(u => u.p95).Take(3)) Console.WriteLine($"  slowest: {slow.url} p95 {slow.p95:F1} ms ({slow.requests} requests)");
        Results.Write(arguments, $"{metric} p95", Results.Percentile(latencies, 0.95), "ms", extra);
    }

    private static async Task GetPagesAsync(HttpClient client, string url, int pages, List<double>? latencies)
    {
        var next = url;
        for (var page = 0; page < pages && next is not null; page++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(next);
            var body = await response.Content.ReadAsStringAsync();
            latencies?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {next} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
            next = null;
            if (pages > 1 && JsonNode.Parse(body)?["nextCursor"]?.GetValue<string>() is { } cursor)
                next = $"{url}{(url.Contains('?', StringComparison.Ordinal) ? "&" : "?")}cursor={Uri.EscapeDataString(cursor)}";
        }
    }

    /// <summary>Each report: one warm-up, then the median of the timed runs; a report this build lacks (404) is n/a.</summary>
    private static async Task ReportsAsync(Arguments arguments, HttpClient client, int runs)
    {
        string[] reports = ["caseload", "flow?interval=month", "speed", "funnel", "geography"];
        foreach (var (range, query) in new[] { ("default range", ""), ("2023-04..2026-11", "from=2023-04-01&to=2026-11-30") })
        foreach (var report in reports)
        {
            var url = $"/api/v1/reports/{report}" + (query.Length == 0 ? "" : (report.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);
            var name = $"report {report.Split('?')[0]} ({range})";
            using (var warm = await client.GetAsync(url))
            {
                if (warm.StatusCode == HttpStatusCode.NotFound)
                {
                    Console.WriteLine($"{name}: 404, n/a");
                    Results.Write(arguments, name, null, "ms", new { status = 404 });
                    continue;
                }
                if (!warm.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url} answered {(int)warm.StatusCode}: {await warm.Content.ReadAsStringAsync()}");
            }
            var timings = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                response.EnsureSuccessStatusCode();
            }
            timings.Sort();
            Console.WriteLine($"{name}: median {timings[timings.Count / 2]:F1} ms, max {timings[^1]:F1} ms");
            Results.Write(arguments, name, timings[timings.Count / 2], "ms", new { runs, max = timings[^1] });
        }
    }

    private static JsonObject Body(int n, string tag)
    {
        var email = $"bench-{tag}@example.jp";
        var contact = new JsonObject
        {
            ["familyName"] = "髙橋", ["givenName"] = "𠮷子", ["familyNameKana"] = "たかはし", ["givenNameKana"] = "ﾖｼｺ",
            ["email"] = email, ["phone"] = "０９０－１２３４－５６７８", ["title"] = "主査",
        };
        return n % 2 == 0
            ? new JsonObject
            {
                ["inquirerType"] = "municipality",
                ["organization"] = new JsonObject { ["name"] = "札幌市", ["department"] = "まちづくり政策局", ["localGovernmentCode"] = "011002" },
                ["contact"] = contact, ["prefectureCode"] = "01", ["topics"] = new JsonArray("satellite-office", "subsidies"),
                ["preferredChannel"] = "online-meeting", ["language"] = "ja", ["subject"] = "サテライトオフィス誘致の進め方について①②③",
                ["message"] = "㈱サンプルの髙橋です。𠮷野町の件でご相談です。\n二行目です。", ["privacyConsent"] = true,
            }
            : new JsonObject
            {
                ["inquirerType"] = "company",
                ["organization"] = new JsonObject { ["name"] = "株式会社サンプル", ["nameKana"] = "さんぷる", ["department"] = "人事部", ["industry"] = "G", ["employees"] = 120 },
                ["contact"] = contact, ["prefectureCode"] = "13", ["topics"] = new JsonArray("telework-rules", "office-search"),
                ["preferredChannel"] = "phone", ["subject"] = "社内テレワーク規程の整備", ["message"] = "規程の雛形を探しています。", ["privacyConsent"] = true,
            };
    }

    private static HttpClient NewClient(Arguments arguments) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
        BaseAddress = new Uri(arguments.Get("base-url", "http://127.0.0.1:5261")),
        Timeout = TimeSpan.FromSeconds(60),
    };

    private static async Task<HttpClient> AdminAsync(Arguments arguments)
    {
        var client = NewClient(arguments);
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = arguments.Get("email", ""), password = arguments.Get("password", "") });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Signing in answered {(int)response.StatusCode}.");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
