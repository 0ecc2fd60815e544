namespace ConsultDesk.Common;

/// <summary>Every setting under the <c>ConsultDesk</c> section; defaults here are the embedded defaults (see README).</summary>
public sealed class ConsultDeskOptions
{
    public const string Section = "ConsultDesk";

    /// <summary>Where the SQLite file, pickup mail and Data Protection keys live; a relative path is under the content root (src/ConsultDesk.Web with dotnet run).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Absolute base URL used in links inside mails.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5261";

    public DatabaseOptions Database { get; set; } = new();
    public MailOptions Mail { get; set; } = new();
    public RateLimitingOptions RateLimiting { get; set; } = new();
    public FormsOptions Forms { get; set; } = new();
    public JobsOptions Jobs { get; set; } = new();
    public ShutdownOptions Shutdown { get; set; } = new();
    public BootstrapOptions Bootstrap { get; set; } = new();
    public AuthOptions Auth { get; set; } = new();
    public SlaOptions Sla { get; set; } = new();
    public FollowUpsOptions FollowUps { get; set; } = new();
    public PortalOptions Portal { get; set; } = new();
    public TemplatesOptions Templates { get; set; } = new();
    public MatchingOptions Matching { get; set; } = new();
    public ReportsOptions Reports { get; set; } = new();
    public ReverseProxyOptions ReverseProxy { get; set; } = new();
    public KeyProtectionOptions DataProtection { get; set; } = new();
    public AttachmentsOptions Attachments { get; set; } = new();
    public DeclarationsOptions Declarations { get; set; } = new();
    public DeclarationCertificateOptions DeclarationCertificate { get; set; } = new();
    public DeclarationCheckOptions DeclarationCheck { get; set; } = new();
    public AwardOptions Award { get; set; } = new();
    public InfoOptions Info { get; set; } = new();
    public MetricsOptions Metrics { get; set; } = new();
}

/// <summary>The Prometheus endpoint <c>/metrics</c> (README "Metrics").</summary>
public sealed class MetricsOptions
{
    /// <summary>Serve <c>/metrics</c>; off means no OpenTelemetry metrics are collected at all.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Addresses or CIDR networks that may scrape without signing in (admins may always); empty = admins only.</summary>
    public string[] ScraperAddresses { get; set; } = [];
}

/// <summary>The information portal (/info): publication, sample content and the link checker.</summary>
public sealed class InfoOptions
{
    /// <summary>Load the shipped sample measures, guidelines and case studies (marked as samples) when the portal is empty.</summary>
    public bool SeedSampleContent { get; set; } = true;
    /// <summary>How often the info job publishes scheduled items whose time has come (cron, UTC).</summary>
    public string PublishCron { get; set; } = "* * * * *";
    public LinkCheckOptions LinkCheck { get; set; } = new();
}

/// <summary>The link checker: every external link of published content, weekly, politely.</summary>
public sealed class LinkCheckOptions
{
    /// <summary>When the weekly run starts (cron, UTC); the default is Sunday 03:00 Japan time.</summary>
    public string Cron { get; set; } = "0 18 * * 6";
    /// <summary>A link checked more recently than this is not checked again by the weekly run (results are reused for a day).</summary>
    public int ReuseHours { get; set; } = 24;
    /// <summary>Requests in flight to one host at a time.</summary>
    public int PerHostConcurrency { get; set; } = 2;
    /// <summary>How long one request may take before the link counts as broken (timeout).</summary>
    public int TimeoutSeconds { get; set; } = 15;
    /// <summary>Redirects followed (and recorded) before the link counts as broken.</summary>
    public int MaxRedirects { get; set; } = 5;
    /// <summary>The User-Agent sent, and the name robots.txt rules are matched against (besides *).</summary>
    public string UserAgent { get; set; } = "ConsultDesk-LinkChecker/1.0";
    /// <summary>Allow links to loopback and private addresses (tests; an intranet portal). Off: such links are never requested.</summary>
    public bool AllowPrivateAddresses { get; set; }
}

/// <summary>The 地方創生テレワークアワード.</summary>
public sealed class AwardOptions
{
    /// <summary>How often the award job looks for a passed entry deadline or publication date to mail entrants (each once per round).</summary>
    public string MailCron { get; set; } = "*/5 * * * *";
}

/// <summary>The 宣言書 (Action宣言 certificate) at /sengen/{number}/certificate.pdf.</summary>
public sealed class DeclarationCertificateOptions
{
    /// <summary>The issuing office printed on every certificate (発行): the programme office that runs ConsultDesk.</summary>
    public string Issuer { get; set; } = "地方創生テレワーク推進運動 事務局";
    /// <summary>Rendered certificates kept in memory per process (one entry per declaration and accepted version).</summary>
    public int CacheEntries { get; set; } = 500;
}

/// <summary>The Action宣言 yearly check: a daily job mails declarations due for their check and flags unanswered ones 要確認.</summary>
public sealed class DeclarationCheckOptions
{
    /// <summary>When the job runs (cron, UTC); the default is 09:30 Japan time every day.</summary>
    public string Cron { get; set; } = "30 0 * * *";
    /// <summary>Declarations handled per batch (the job repeats full batches).</summary>
    public int BatchSize { get; set; } = 200;
}

/// <summary>
/// The proxies whose X-Forwarded-For/-Proto/-Host headers are believed. Empty (the default) means the headers are
/// ignored, so nobody can choose their own address by sending them straight to the app.
/// </summary>
public sealed class ReverseProxyOptions
{
    /// <summary>Proxy addresses, e.g. <c>127.0.0.1</c> or <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];
    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

/// <summary>How the Data Protection keys (antiforgery, cookies, bearer tokens) are protected at rest.</summary>
public sealed class KeyProtectionOptions
{
    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts every key file; none means the keys are stored unencrypted.</summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
}

public sealed class ReportsOptions
{
    public MonthlyReportMailOptions MonthlyMail { get; set; } = new();
    /// <summary>How often the flow report's appended day deltas are folded into its summary (reads stay exact between folds).</summary>
    public string FoldCron { get; set; } = "* * * * *";
}

/// <summary>The report mailed to the managers on the first business day of each month, about the month before.</summary>
public sealed class MonthlyReportMailOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>When (Japan time, HH:mm) the daily check runs; it sends only on the month's first business day.</summary>
    public string SendAtJst { get; set; } = "08:00";
}

/// <summary>Match suggestions: each criterion scores up to its weight; a criterion the company named as a priority counts double.</summary>
public sealed class MatchingOptions
{
    public MatchingWeights Weights { get; set; } = new();
    public int PriorityMultiplier { get; set; } = 2;
    /// <summary>Load the shipped sample municipality profiles (marked as sample data) when the table is empty.</summary>
    public bool SeedSampleData { get; set; } = true;
}

public sealed class MatchingWeights
{
    public int Region { get; set; } = 30;
    public int Capacity { get; set; } = 20;
    public int Cost { get; set; } = 20;
    public int Incentives { get; set; } = 15;
    public int Industry { get; set; } = 10;
    public int Access { get; set; } = 5;
}

/// <summary>
/// The follow-up journeys. Each delay is business days (<c>3bd</c>, desk time on the desk's calendar) or a TimeSpan
/// (<c>00:00:05</c>); UnassignedEscalation fires at the case's first-response due time plus its delay.
/// </summary>
public sealed class FollowUpsOptions
{
    public FollowUpRuleOptions ConsultationFollowUp { get; set; } = new() { Delay = "1bd" };
    public FollowUpRuleOptions WaitingReminder1 { get; set; } = new() { Delay = "3bd" };
    public FollowUpRuleOptions WaitingReminder2 { get; set; } = new() { Delay = "7bd" };
    public FollowUpRuleOptions WaitingAutoClose { get; set; } = new() { Delay = "14bd" };
    public FollowUpRuleOptions SatisfactionSurvey { get; set; } = new() { Delay = "2bd" };
    public FollowUpRuleOptions UnassignedEscalation { get; set; } = new() { Delay = "00:00:00" };
    /// <summary>How often due follow-ups are swept up regardless of Hangfire's schedule (a cron expression).</summary>
    public string SweepCron { get; set; } = "* * * * *";
    /// <summary>Follow-ups handled per run.</summary>
    public int BatchSize { get; set; } = 100;
}

public sealed class FollowUpRuleOptions
{
    public bool Enabled { get; set; } = true;
    public string Delay { get; set; } = "1bd";
}

/// <summary>The inquirer portal reached by the link in every acknowledgement.</summary>
public sealed class PortalOptions
{
    /// <summary>Wrong tokens one address may try in ten minutes before it is refused (429).</summary>
    public int BadTokensPerIpPer10Minutes { get; set; } = 10;
    /// <summary>Fresh-link requests one address may make per hour.</summary>
    public int LinkRequestsPerIpPerHour { get; set; } = 5;
    /// <summary>How long a portal link works, counted from when it was minted (whatever the case's state).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(90);
}

public sealed class TemplatesOptions
{
    /// <summary>How long a process trusts its copy of the admins' templates (other instances' edits show up after this).</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Service levels, counted in desk hours on the business calendar.</summary>
public sealed class SlaOptions
{
    public int FirstResponseBusinessDays { get; set; } = 2;
    public int ResolutionBusinessDays { get; set; } = 20;
    /// <summary>A case is due soon when this much desk time or less is left.</summary>
    public TimeSpan DueSoonDeskTime { get; set; } = TimeSpan.FromHours(4);
}

/// <summary>The first admin, created on first start when no user exists yet; ignored once any user exists.</summary>
public sealed class BootstrapOptions
{
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string AdminDisplayName { get; set; } = "管理者";
}

public sealed class AuthOptions
{
    /// <summary>Lifetime of API bearer tokens.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(8);
    /// <summary>
    /// How long a node trusts a session it has just checked against the database (<c>StaffSessions</c>): a change made
    /// on this node ends the session on its next request, one made on another node within this. Zero checks every request.
    /// </summary>
    public TimeSpan SessionCheckCacheDuration { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Failed sign-ins before an account is locked, and for how long.</summary>
    public int MaxFailedSignIns { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
    public int SignInsPerIpPerMinute { get; set; } = 20;
    /// <summary>How long a password reset link works (once).</summary>
    public TimeSpan PasswordResetLinkLifetime { get; set; } = TimeSpan.FromHours(1);
    /// <summary>"Forgot password" requests per client address per hour.</summary>
    public int PasswordResetRequestsPerIpPerHour { get; set; } = 5;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Apply pending migrations at startup; operators who migrate by hand turn it off.</summary>
    public bool MigrateOnStartup { get; set; } = true;
    /// <summary>
    /// SQLite only: when the full-text indexes are merged back into one segment each (UTC; the default is 03:30 in
    /// Japan). Between runs each write merges small segments as usual; see <see cref="Data.MergeSearchIndexes"/>.
    /// </summary>
    public string SearchIndexMergeCron { get; set; } = "30 18 * * *";
}

public enum MailTransportKind
{
    Pickup,
    Smtp,
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

public sealed class MailOptions
{
    public MailTransportKind Transport { get; set; } = MailTransportKind.Pickup;
    public string From { get; set; } = "地方創生テレワーク相談窓口 <desk@consultdesk.example.jp>";
    /// <summary>Pickup folder for .eml files; relative paths are under the data directory.</summary>
    public string PickupDirectory { get; set; } = "mail";
    public SmtpOptions Smtp { get; set; } = new();
    public OutboxOptions Outbox { get; set; } = new();
    public ImapOptions Imap { get; set; } = new();
}

/// <summary>The desk's inbound mailbox; polling is off while Host is empty.</summary>
public sealed class ImapOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 993;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.SslOnConnect;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string Folder { get; set; } = "INBOX";
    /// <summary>How often the mailbox is read (a cron expression).</summary>
    public string PollCron { get; set; } = "* * * * *";
    /// <summary>Messages imported per poll; the rest wait for the next one.</summary>
    public int BatchSize { get; set; } = 200;
    /// <summary>Mails from one sender per day that are acted on; beyond it they are recorded and ignored (flood protection).</summary>
    public int MaxPerSenderPerDay { get; set; } = 20;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// A larger message is not downloaded (the server's size is checked first, the download is cut at it too): it is
    /// recorded as ignored (<c>too-large</c>) and left unread in the mailbox for a person.
    /// </summary>
    public long MaxMessageBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>Polls that may fail on one message (an error that looks transient) before it is recorded as <c>import-failed</c> and skipped.</summary>
    public int MaxImportAttempts { get; set; } = 3;

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class OutboxOptions
{
    /// <summary>Mails sent over one SMTP connection per dispatch run.</summary>
    public int BatchSize { get; set; } = 50;
    /// <summary>How long a dispatch run holds its rows; after a crash they become due again when it lapses.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
    public int MaxAttempts { get; set; } = 8;
    /// <summary>First retry delay; each further attempt doubles it (capped at six hours).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How often pending rows are swept up regardless of Hangfire's queue (a cron expression).</summary>
    public string SweepCron { get; set; } = "* * * * *";
}

public sealed class RateLimitingOptions
{
    public IntakeRateLimitOptions Intake { get; set; } = new();

    /// <summary>Anonymous look-ups (postal codes) per client address per minute.</summary>
    public int LookupsPerIpPerMinute { get; set; } = 60;
}

public sealed class IntakeRateLimitOptions
{
    public int PerIpPerMinute { get; set; } = 10;
    public int PerEmailPerDay { get; set; } = 5;
}

public sealed class FormsOptions
{
    /// <summary>A form posted faster than this after it was shown is treated as a bot.</summary>
    public TimeSpan MinimumFillTime { get; set; } = TimeSpan.FromSeconds(3);
}

public sealed class JobsOptions
{
    /// <summary>Run the Hangfire server in this process (turn off on web-only instances).</summary>
    public bool RunServer { get; set; } = true;
    public int WorkerCount { get; set; } = 4;
    /// <summary>How often Hangfire looks for scheduled jobs that became due.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Graceful shutdown behind a load balancer (README "Running several nodes").</summary>
public sealed class ShutdownOptions
{
    /// <summary>After a stop signal, /health/ready answers 503 this long before the server stops taking requests, so a balancer notices first.</summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;
    /// <summary>The whole shutdown (drain delay, in-flight requests, running jobs) may take this long.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Files on staff replies, portal replies and inbound mail (README "Attachments").</summary>
public sealed class AttachmentsOptions
{
    /// <summary>Largest file accepted.</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>Largest total of one message's files; an upload request may be this plus 1 MiB of form fields.</summary>
    public long MaxMessageBytes { get; set; } = 25 * 1024 * 1024;
    /// <summary>Most files on one message.</summary>
    public int MaxFilesPerMessage { get; set; } = 10;
    /// <summary>A ClamAV daemon to scan every file with (<c>tcp://127.0.0.1:3310</c> or a unix socket path); none = no scan.</summary>
    public string? ClamAv { get; set; }
    /// <summary>How long one scan may take before the daemon counts as unreachable.</summary>
    public TimeSpan ScanTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How often files of inbound mail kept while the daemon was unreachable are scanned again.</summary>
    public string RescanCron { get; set; } = "*/5 * * * *";
}

/// <summary>Action宣言 (declarations).</summary>
public sealed class DeclarationsOptions
{
    /// <summary>How often declarations never confirmed within 7 days are deleted (with their versions, events and links).</summary>
    public string CleanupCron { get; set; } = "17 * * * *";
}
