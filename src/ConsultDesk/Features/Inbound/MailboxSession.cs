using ConsultDesk.Common;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Inbound;

/// <summary>
/// The IMAP side of a poll: one connection to the desk's folder, opened read-write, that lists the messages after the
/// cursor, fetches their sizes and envelopes, reads one message's bytes (never more than a limit) and marks it seen.
/// It knows nothing of cases or the database.
/// </summary>
public sealed class MailboxSession : IDisposable
{
    private readonly ImapClient client;
    private readonly IMailFolder folder;
    private readonly ILogger logger;

    private MailboxSession(ImapClient client, IMailFolder folder, string mailbox, ILogger logger)
    {
        this.client = client;
        this.folder = folder;
        this.logger = logger;
        Mailbox = mailbox;
        UidValidity = folder.UidValidity;
    }

    /// <summary>The cursor's key: one per account and folder.</summary>
    public string Mailbox { get; }

    /// <summary>The folder's UIDVALIDITY when it was opened: UIDs count only within it.</summary>
    public long UidValidity { get; }

    public static async Task<MailboxSession> OpenAsync(ImapOptions imap, ILogger logger, CancellationToken cancellationToken)
    {
        var client = new ImapClient { Timeout = (int)imap.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(imap.Host!, imap.Port, imap.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.SslOnConnect,
            }, cancellationToken);
            if (!string.IsNullOrEmpty(imap.UserName)) await client.AuthenticateAsync(imap.UserName, imap.Password ?? "", cancellationToken);
            var folder = await client.GetFolderAsync(imap.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            return new MailboxSession(client, folder, Key(imap), logger);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>One cursor per account and folder.</summary>
    public static string Key(ImapOptions imap)
    {
        var key = $"{imap.UserName}@{imap.Host}/{imap.Folder}";
        return key.Length <= 200 ? key : key[..200];
    }

    /// <summary>The UIDs after <paramref name="after"/>, oldest first, at most <paramref name="batchSize"/>.</summary>
    public async Task<IList<UniqueId>> NewMessagesAsync(long after, int batchSize, CancellationToken cancellationToken)
    {
        // "UID n:*" also returns the last message when nothing is newer than n, so the range is checked again here.
        var found = await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId((uint)Math.Min(after + 1, uint.MaxValue)), UniqueId.MaxValue)), cancellationToken);
        return found.Where(uid => uid.Id > after).OrderBy(uid => uid.Id).Take(batchSize).ToList();
    }

    /// <summary>Sizes and envelopes (who sent what) by UID, so a message too large is never downloaded.</summary>
    public async Task<IReadOnlyDictionary<uint, IMessageSummary>> SummariesAsync(IList<UniqueId> batch, CancellationToken cancellationToken) =>
        batch.Count == 0 ? new Dictionary<uint, IMessageSummary>() : (await folder.FetchAsync(batch,
            new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.Envelope), cancellationToken))
            .Where(s => s.UniqueId.IsValid).GroupBy(s => s.UniqueId.Id).ToDictionary(g => g.Key, g => g.First());

    /// <summary>
    /// The message's bytes as the server holds them, or null when someone deleted it meanwhile. Reading stops one
    /// byte past <paramref name="maxBytes"/>, on the wire too (a partial fetch: a server may report a size smaller than
    /// what it holds, and MailKit buffers what it fetches).
    /// </summary>
    public async Task<byte[]?> ReadAsync(UniqueId uid, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await folder.GetStreamAsync(uid, 0, (int)Math.Min(int.MaxValue, maxBytes + 1), cancellationToken);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
        catch (MessageNotFoundException)
        {
            logger.LogInformation("Inbound mail uid {Uid} was removed before it could be read", uid.Id);
            return null;
        }
    }

    public async Task MarkSeenAsync(UniqueId uid, CancellationToken cancellationToken)
    {
        try
        {
            await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true }, cancellationToken);
        }
        catch (Exception ex) when (ex is ImapCommandException or ImapProtocolException or IOException or ServiceNotConnectedException or FolderNotOpenException)
        {
            // Only a courtesy to people reading the mailbox: the cursor and the Message-ID keep the import exact.
            logger.LogWarning("Could not mark inbound mail uid {Uid} as seen: {Error}", uid.Id, ex.GetType().Name);
        }
    }

    public Task CloseAsync(CancellationToken cancellationToken) => client.DisconnectAsync(quit: true, cancellationToken);

    public void Dispose() => client.Dispose();
}
