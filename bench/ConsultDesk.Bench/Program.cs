using System.Diagnostics;
using System.Globalization;
using ConsultDesk.Bench;

// Benchmarks that measure the app's parts beside the floor of the same hardware. Usage:
//   dotnet run -c Release --project bench/ConsultDesk.Bench -- mail --smtp-host 127.0.0.1 --smtp-port 2525 [--count 2000]
//   dotnet run -c Release --project bench/ConsultDesk.Bench -- suggestions [--municipalities 2000] [--offices 5] [--runs 200]
//   ... -- seed --provider sqlite|postgres --connection CS --count N [--assignees FILE] [--references-out FILE]
//   ... -- floor --provider sqlite --data DIR | --provider postgres --connection CS [--clients 16] [--duration S]
//   ... -- http-floor --provider sqlite --data DIR | --provider postgres --connection CS --port P   (serves until killed)
//   ... -- intake --base-url URL [--clients 16] [--duration S] [--warmup S] [--metric NAME]   (the intake phase alone, e.g. against the http floor)
//   ... -- users --base-url URL --email ADMIN --password PW [--count 20] --out FILE
//   ... -- certificates --provider sqlite|postgres --connection CS --base-url URL [--count 200]   (app already running on that database)
//   ... -- http --base-url URL --email ADMIN --password PW --references FILE --assignees FILE [--duration S] [--warmup S] [--clients 16] [--read-clients 2]
//       [--phases intake,queue,search,lookup,detail,reports]
//   ... -- declarations-seed --provider sqlite|postgres --connection CS --count N;  declarations-http --base-url URL --count N [--duration S]
//   ... -- info-seed --provider sqlite|postgres --connection CS --count N;  info-http --base-url URL --count N [--duration S]
// bench/run.sh runs them all in order; every command appends its figures as JSON lines to --results FILE when given.
var options = Arguments.Parse(args);
switch (options.Command)
{
    case "mail":
        await MailThroughput.RunAsync(options);
        return 0;
    case "suggestions":
        await Suggestions.RunAsync(options);
        return 0;
    case "seed":
        await Seeder.RunAsync(options);
        return 0;
    case "floor":
        await Floors.RunAsync(options);
        return 0;
    case "http-floor":
        await HttpFloor.ServeAsync(options);
        return 0;
    case "intake":
        await HttpLoad.IntakeOnlyAsync(options);
        return 0;
    case "users":
        await HttpLoad.UsersAsync(options);
        return 0;
    case "http":
        await HttpLoad.RunAsync(options);
        return 0;
    case "certificates":
        await Certificates.RunAsync(options);
        return 0;
    case "declarations-seed":
        await PublicDeclarations.SeedAsync(options);
        return 0;
    case "declarations-http":
        await PublicDeclarations.HttpAsync(options);
        return 0;
    case "info-seed":
        await InfoFinder.SeedAsync(options);
        return 0;
    case "info-http":
        await InfoFinder.HttpAsync(options);
        return 0;
    default:
        Console.Error.WriteLine("usage: ConsultDesk.Bench mail --smtp-host HOST --smtp-port PORT [--count N] [--data DIR]\n       ConsultDesk.Bench suggestions [--municipalities N] [--offices N] [--runs N] [--limit N] [--data DIR]\n       ConsultDesk.Bench seed|floor|users|http ... (see Program.cs)");
        return 2;
}

namespace ConsultDesk.Bench
{
    public sealed record Arguments(string Command, IReadOnlyDictionary<string, string> Values)
    {
        public static Arguments Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 1; i + 1 < args.Length; i += 2) values[args[i].TrimStart('-')] = args[i + 1];
            return new Arguments(args.Length > 0 ? args[0] : "", values);
        }

        public string Get(string name, string fallback) => Values.TryGetValue(name, out var value) ? value : fallback;
        public int GetInt(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
    }

    public static class Measure
    {
        public static async Task<TimeSpan> TimeAsync(Func<Task> work)
        {
            var watch = Stopwatch.StartNew();
            await work();
            return watch.Elapsed;
        }
    }
}
