using System.Globalization;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Inbound;

/// <summary>
/// The app reading the real dovecot mailbox. The recurring poll is set to run once a year so the tests decide when
/// mail is read (by sending the poll command); the one poll at startup still runs, and is harmless: imports are
/// idempotent and the tests assert on what the database holds, not on which poll imported what.
/// </summary>
public class InboundApp(string provider) : ConsultDeskAppFactory(provider)
{
    public const int MaxPerSenderPerDay = 3;
    /// <summary>Small, so a test mail past it stays small; every corpus mail is well under it.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["ConsultDesk:Mail:Imap:Host"] = TestMailbox.Host,
        ["ConsultDesk:Mail:Imap:Port"] = TestMailbox.Port.ToString(CultureInfo.InvariantCulture),
        ["ConsultDesk:Mail:Imap:Security"] = "None",
        ["ConsultDesk:Mail:Imap:UserName"] = TestMailbox.User,
        ["ConsultDesk:Mail:Imap:Password"] = TestMailbox.Password,
        ["ConsultDesk:Mail:Imap:Folder"] = "INBOX",
        ["ConsultDesk:Mail:Imap:PollCron"] = "0 0 1 1 *",
        ["ConsultDesk:Mail:Imap:MaxPerSenderPerDay"] = MaxPerSenderPerDay.ToString(CultureInfo.InvariantCulture),
        ["ConsultDesk:Mail:Imap:Timeout"] = "00:00:15",
        ["ConsultDesk:Mail:Imap:MaxMessageBytes"] = MaxMessageBytes.ToString(CultureInfo.InvariantCulture),
    };
}

public sealed class InboundSqliteApp() : InboundApp("Sqlite");

public sealed class InboundPostgresApp() : InboundApp("Postgres");

[CollectionDefinition(Name)]
public sealed class InboundSqliteCollection : ICollectionFixture<InboundSqliteApp>
{
    public const string Name = "inbound mail app on SQLite";
}

[CollectionDefinition(Name)]
public sealed class InboundPostgresCollection : ICollectionFixture<InboundPostgresApp>
{
    public const string Name = "inbound mail app on PostgreSQL";
}
