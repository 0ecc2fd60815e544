using System.Diagnostics;
using System.Globalization;

namespace ConsultDesk.Bench;

/// <summary>
/// Where the machine's CPU went during a timed phase, per request: the app (or the HTTP floor host), the SMTP sink, this
/// client, and the rest (the database server, the kernel's own threads, anything else running). The bench, the sink and
/// the database share the app's cores, so a throughput target relative to a floor can be out of reach for the app
/// alone; this account shows how far. Linux only (reads /proc); elsewhere it records nothing.
/// </summary>
public sealed class CpuAccount
{
    // /proc reports CPU time in USER_HZ ticks, 100 a second on every Linux the bench runs on (getconf CLK_TCK).
    private const double TicksPerMillisecond = 0.1;

    private readonly int? appPid;
    private readonly int? sinkPid;
    private readonly Snapshot start;

    private CpuAccount(int? appPid, int? sinkPid)
    {
        this.appPid = appPid;
        this.sinkPid = sinkPid;
        start = Take();
    }

    /// <summary>Starts an account for the processes given as <c>--app-pid</c> and <c>--sink-pid</c>; null off Linux.</summary>
    public static CpuAccount? Start(Arguments arguments) =>
        File.Exists("/proc/stat") ? new CpuAccount(Pid(arguments, "app-pid"), Pid(arguments, "sink-pid")) : null;

    /// <summary>Writes the CPU milliseconds per request of each part since the start, under <paramref name="metric"/>.</summary>
    public void Write(Arguments arguments, string metric, int requests)
    {
        if (requests == 0) return;
        var end = Take();
        double PerRequest(long ticks) => ticks / TicksPerMillisecond / requests;
        var machine = PerRequest(end.MachineBusy - start.MachineBusy);
        var app = appPid is null ? (double?)null : PerRequest(end.App - start.App);
        var sink = sinkPid is null ? (double?)null : PerRequest(end.Sink - start.Sink);
        var client = (end.Client - start.Client).TotalMilliseconds / requests;
        var rest = machine - (app ?? 0) - (sink ?? 0) - client;
        var idle = (end.MachineIdle - start.MachineIdle) / (double)Math.Max(1, end.MachineAll - start.MachineAll);
        var extra = new { requests, app, sink, client, rest, idleShare = idle, cores = Environment.ProcessorCount };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{metric} CPU per request: machine {machine:F2} ms = app {app:F2} + sink {sink:F2} + client {client:F2} + rest {rest:F2}; idle {idle:P0}"));
        Results.Write(arguments, $"{metric} CPU per request", machine, "ms", extra);
    }

    private static int? Pid(Arguments arguments, string name) =>
        int.TryParse(arguments.Get(name, ""), CultureInfo.InvariantCulture, out var pid) && File.Exists($"/proc/{pid}/stat") ? pid : null;

    private Snapshot Take()
    {
        // First line of /proc/stat: cpu user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
        var idle = fields[3] + fields[4];
        return new Snapshot(fields.Sum() - idle, idle, fields.Sum(), ProcessTicks(appPid), ProcessTicks(sinkPid), Process.GetCurrentProcess().TotalProcessorTime);
    }

    /// <summary>utime + stime of a process: fields 14 and 15 of /proc/PID/stat, counted after the command's closing parenthesis.</summary>
    private static long ProcessTicks(int? pid)
    {
        if (pid is null) return 0;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var after = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(after[11], CultureInfo.InvariantCulture) + long.Parse(after[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // the process has gone; its share then shows as "rest"
        }
    }

    private sealed record Snapshot(long MachineBusy, long MachineIdle, long MachineAll, long App, long Sink, TimeSpan Client);
}
