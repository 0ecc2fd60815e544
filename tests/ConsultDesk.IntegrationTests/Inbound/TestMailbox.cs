using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsultDesk.IntegrationTests.Infrastructure;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace ConsultDesk.IntegrationTests.Inbound;

/// <summary>The desk's mailbox on the real dovecot tests/run.sh starts: cleared, filled and inspected with MailKit.</summary>
public static class TestMailbox
{
    public static string Host => Required("CONSULTDESK_TEST_IMAP_HOST");
    public static int Port => int.Parse(Required("CONSULTDESK_TEST_IMAP_PORT"), CultureInfo.InvariantCulture);
    public static string User => Required("CONSULTDESK_TEST_IMAP_USER");
    public static string Password => Required("CONSULTDESK_TEST_IMAP_PASSWORD");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests with tests/run.sh, which starts dovecot.");

    private static async Task<(ImapClient Client, IMailFolder Inbox)> OpenAsync()
    {
        var client = new ImapClient { Timeout = 15_000 };
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        return (client, client.Inbox);
    }

    /// <summary>Deletes and expunges everything in INBOX (UIDs keep counting up, as on a real server).</summary>
    public static async Task ClearAsync()
    {
        var (client, inbox) = await OpenAsync();
        using (client)
        {
            var all = await inbox.SearchAsync(MailKit.Search.SearchQuery.All);
            if (all.Count > 0)
            {
                await inbox.StoreAsync(all, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true });
                await inbox.ExpungeAsync();
            }
            await client.DisconnectAsync(true);
        }
    }

    /// <summary>Appends mails as they are (MimeKit writes a parsed message back byte for byte) and returns their UIDs.</summary>
    public static async Task<IReadOnlyList<uint>> AppendAsync(params byte[][] mails)
    {
        var (client, inbox) = await OpenAsync();
        using (client)
        {
            var uids = new List<uint>();
            foreach (var raw in mails)
            {
                using var stream = new MemoryStream(raw);
                var message = await MimeMessage.LoadAsync(stream);
                var uid = await inbox.AppendAsync(new AppendRequest(message, MessageFlags.None));
                uids.Add(uid?.Id ?? throw new InvalidOperationException("dovecot did not report the appended UID"));
            }
            await client.DisconnectAsync(true);
            return uids;
        }
    }

    /// <summary>The bytes the server holds for a message.</summary>
    public static async Task<byte[]> RawAsync(uint uid)
    {
        var (client, inbox) = await OpenAsync();
        using (client)
        {
            await using var stream = await inbox.GetStreamAsync(new UniqueId(uid));
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            await client.DisconnectAsync(true);
            return buffer.ToArray();
        }
    }

    public static async Task<IReadOnlyDictionary<uint, MessageFlags>> FlagsAsync()
    {
        var (client, inbox) = await OpenAsync();
        using (client)
        {
            var summaries = inbox.Count == 0 ? [] : await inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags);
            await client.DisconnectAsync(true);
            return summaries.ToDictionary(s => s.UniqueId.Id, s => s.Flags ?? MessageFlags.None);
        }
    }
}

/// <summary>
/// The corpus of Japanese mails (tests/tools/make_mail_corpus.py), with headers rewritten per test so every test's
/// mails have their own Message-IDs and senders: the importer rightly refuses a Message-ID it has seen before.
/// Only header lines change; the bytes of the body and of every other header stay exactly as in the corpus.
/// </summary>
public static class CorpusMail
{
    public sealed record Expected(
        string File, string Description, string FromAddress, string? FromName, string Subject, string Text,
        string NewText, string? QuotedText, bool Html, string? Ignored, string? MessageId);

    private static string Directory => Path.Combine(AppContext.BaseDirectory, "Inbound", "Corpus");

    public static IReadOnlyList<Expected> All { get; } =
        JsonSerializer.Deserialize<List<Expected>>(File.ReadAllText(Path.Combine(Directory, "expected.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    public static Expected Get(string file) => All.Single(e => e.File == file);

    public static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Directory, file));

    public static string NewMessageId(string tag = "it") => $"{tag}-{Guid.NewGuid():N}@mail.example.jp";

    public static byte[] Prepare(string file, string messageId, string? from = null, string? inReplyTo = null)
    {
        var text = Encoding.Latin1.GetString(Bytes(file));
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 2;
        var (head, body) = (text[..end], text[end..]);
        head = SetHeader(head, "Message-ID", $"<{messageId}>");
        if (from is not null)
        {
            var original = Get(file).FromAddress;
            head = HeaderLine("From").Replace(head, line => line.Value.Replace(original, from, StringComparison.Ordinal), 1);
        }
        if (inReplyTo is not null)
        {
            head = SetHeader(head, "In-Reply-To", $"<{inReplyTo}>");
            head = SetHeader(head, "References", $"<{inReplyTo}>");
        }
        return Encoding.Latin1.GetBytes(head + body);
    }

    /// <summary>A mail written here with MimeKit (UTF-8), for tests that need a particular subject or sender.</summary>
    public static byte[] Compose(string from, string subject, string body, string? messageId = null, string? inReplyTo = null)
    {
        var message = new MimeMessage { Subject = subject, MessageId = messageId ?? NewMessageId() };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(new MailboxAddress("地方創生テレワーク相談窓口", "desk@consultdesk.example.jp"));
        if (inReplyTo is not null) message.InReplyTo = inReplyTo;
        message.Body = new TextPart("plain") { Text = body };
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return buffer.ToArray();
    }

    private static string SetHeader(string head, string name, string value)
    {
        var replaced = false;
        var result = HeaderLine(name).Replace(head, _ =>
        {
            replaced = true;
            return $"{name}: {value}\r\n";
        }, 1);
        return replaced ? result : $"{name}: {value}\r\n{head}";
    }

    private static Regex HeaderLine(string name) =>
        new($"^{Regex.Escape(name)}:.*\r\n([ \t].*\r\n)*", RegexOptions.Multiline | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
}
