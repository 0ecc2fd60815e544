using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Inbound;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Mail;
using ConsultDesk.Mail.Inbound;
using ConsultDesk.Resources;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConsultDesk.Features.Inbound;

/// <summary>
/// Reads new mail from the desk's IMAP mailbox. Each message is imported in one transaction together with what it
/// causes (a message on its case, a new case and its acknowledgement, an opt-out, or nothing) and the mailbox cursor,
/// keyed by its Message-ID: a crash before the commit imports it on the next poll, a crash after it imports nothing
/// twice. Replies are matched by In-Reply-To/References against the mails we sent, then by the case reference in
/// the subject; anything else opens a case of type other for triage. Loop protection and a per-sender daily cap
/// keep machines and floods from opening cases or getting answers.
/// </summary>
public static partial class PollMailbox
{
    public sealed record Command : ICommand<Response>, ISystemMessage;

    public sealed record Response(int Read, int Replies, int NewCases, int Ignored, int Duplicates)
    {
        /// <summary>More messages than one batch were waiting: poll again.</summary>
        public bool BatchWasFull { get; init; }

        /// <summary>Replies to mail the desk sent someone other than the inquirer, kept on their case for staff only.</summary>
        public int Internal { get; init; }

        public static readonly Response Off = new(0, 0, 0, 0, 0);
    }

    /// <summary>The timeline entry of a mail that answers the desk's mail to someone other than the inquirer.</summary>
    public const string InternalMailEntry = "internal-mail";

    /// <summary>A mail does not say where the inquirer is; <c>00</c> is no JIS X 0401 prefecture, so triage sets it.</summary>
    public const string UnknownPrefecture = "00";

    /// <summary>What importing one message did.</summary>
    public enum Effect
    {
        Reply,
        NewCase,
        Ignored,
        Duplicate,
        Internal,
    }

    public sealed class Handler(
        ConsultDeskDbContext db,
        WriteGate gate,
        ReferenceNumbers references,
        ServiceLevel serviceLevel,
        AcknowledgementMail acknowledgement,
        InquirerReplies replies,
        FollowUpPlanner followUps,
        TimeProvider clock,
        IOptions<ConsultDeskOptions> options,
        ILogger<Handler> logger) : ICommandHandler<Command, Response>
    {
        private const int ConflictAttempts = 3;

        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var imap = options.Value.Mail.Imap;
            if (!imap.Enabled) return Response.Off;

            using var client = new ImapClient { Timeout = (int)imap.Timeout.TotalMilliseconds };
            await client.ConnectAsync(imap.Host!, imap.Port, imap.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.SslOnConnect,
            }, cancellationToken);
            if (!string.IsNullOrEmpty(imap.UserName)) await client.AuthenticateAsync(imap.UserName, imap.Password ?? "", cancellationToken);
            var folder = await client.GetFolderAsync(imap.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);

            var mailbox = MailboxKey(imap);
            long uidValidity = folder.UidValidity;
            var cursor = await db.MailboxCursors.AsNoTracking().SingleOrDefaultAsync(c => c.Mailbox == mailbox, cancellationToken);
            var after = cursor is not null && cursor.UidValidity == uidValidity ? cursor.LastUid : 0;
            // "UID n:*" also returns the last message when nothing is newer than n, so the range is checked again here.
            var found = await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId((uint)Math.Min(after + 1, uint.MaxValue)), UniqueId.MaxValue)), cancellationToken);
            var batch = found.Where(uid => uid.Id > after).OrderBy(uid => uid.Id).Take(imap.BatchSize).ToList();

            // Sizes (and who sent what) first, so a message too large is never downloaded.
            var summaries = batch.Count == 0 ? [] : (await folder.FetchAsync(batch,
                new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.Envelope), cancellationToken))
                .Where(s => s.UniqueId.IsValid).GroupBy(s => s.UniqueId.Id).ToDictionary(g => g.Key, g => g.First());

            int replyCount = 0, newCases = 0, ignored = 0, duplicates = 0, internalCount = 0;
            foreach (var uid in batch)
            {
                var summary = summaries.GetValueOrDefault(uid.Id);
                Effect effect;
                var seen = true;
                // Failures are only counted below, each ending this poll (or giving up): the cursor read above is current.
                if ((cursor?.FailuresOf(uidValidity, uid.Id) ?? 0) >= imap.MaxImportAttempts)
                    effect = await GiveUpAsync(mailbox, uidValidity, uid.Id, summary, cancellationToken);
                else if (summary?.Size > imap.MaxMessageBytes)
                    (effect, seen) = (await TooLargeAsync(mailbox, uidValidity, uid.Id, summary, cancellationToken), false);
                else
                {
                    try
                    {
                        var read = await ReadAsync(folder, uid, imap.MaxMessageBytes, cancellationToken);
                        if (read is null) continue;
                        if (read.Length > imap.MaxMessageBytes)
                            (effect, seen) = (await TooLargeAsync(mailbox, uidValidity, uid.Id, summary, cancellationToken), false);
                        else
                            effect = await ImportAsync(mailbox, uidValidity, uid.Id, read, cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // A failure that looked transient (so ImportAsync let it through). Counted in the database: a
                        // database that is really away cannot count it, and the next poll tries again; a message that
                        // fails every time is given up after MaxImportAttempts polls instead of blocking the mailbox.
                        var failures = await RecordFailureAsync(mailbox, uidValidity, uid.Id, cancellationToken);
                        logger.LogWarning("Inbound mail uid {Uid} failed ({Error}), attempt {Attempt} of {MaxAttempts}",
                            uid.Id, ex.GetType().Name, failures, imap.MaxImportAttempts);
                        if (failures < imap.MaxImportAttempts) throw;
                        effect = await GiveUpAsync(mailbox, uidValidity, uid.Id, summary, cancellationToken);
                    }
                }
                switch (effect)
                {
                    case Effect.Reply: replyCount++; break;
                    case Effect.NewCase: newCases++; break;
                    case Effect.Ignored: ignored++; break;
                    case Effect.Internal: internalCount++; break;
                    default: duplicates++; break;
                }
                // A mail too large stays unread in the mailbox, so a person sees it there.
                if (seen) await MarkSeenAsync(folder, uid, cancellationToken);
            }
            await client.DisconnectAsync(quit: true, cancellationToken);
            if (batch.Count > 0)
                logger.LogInformation("Mailbox poll: {Read} read, {Replies} replies, {Internal} internal, {NewCases} new cases, {Ignored} ignored, {Duplicates} already imported",
                    batch.Count, replyCount, internalCount, newCases, ignored, duplicates);
            return new Response(batch.Count, replyCount, newCases, ignored, duplicates) { BatchWasFull = batch.Count == imap.BatchSize, Internal = internalCount };
        }

        private async Task<int> RecordFailureAsync(string mailbox, long uidValidity, long uid, CancellationToken cancellationToken)
        {
            db.ChangeTracker.Clear();
            using (await gate.EnterAsync(cancellationToken))
            {
                var cursor = await db.MailboxCursors.SingleOrDefaultAsync(c => c.Mailbox == mailbox, cancellationToken);
                if (cursor is null) db.MailboxCursors.Add(cursor = MailboxCursor.Start(mailbox, uidValidity));
                var failures = cursor.RecordFailure(uidValidity, uid);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return failures;
            }
        }

        /// <summary>A message that failed <see cref="ImapOptions.MaxImportAttempts"/> polls: recorded as <c>import-failed</c>, and the cursor moves past it.</summary>
        private Task<Effect> GiveUpAsync(string mailbox, long uidValidity, long uid, IMessageSummary? summary, CancellationToken cancellationToken)
        {
            logger.LogError("Inbound mail uid {Uid} failed {MaxAttempts} polls; recorded as import-failed and skipped", uid, options.Value.Mail.Imap.MaxImportAttempts);
            return CommitAsync(mailbox, uidValidity, uid, KeyOf(mailbox, uidValidity, uid, summary), null, Envelope(summary), "import-failed", cancellationToken);
        }

        /// <summary>A message larger than <see cref="ImapOptions.MaxMessageBytes"/>: recorded as <c>too-large</c> from its envelope, never downloaded whole.</summary>
        private Task<Effect> TooLargeAsync(string mailbox, long uidValidity, long uid, IMessageSummary? summary, CancellationToken cancellationToken)
        {
            logger.LogWarning("Inbound mail uid {Uid} is larger than {MaxBytes} bytes ({Size}); recorded as too-large and skipped",
                uid, options.Value.Mail.Imap.MaxMessageBytes, summary?.Size);
            return CommitAsync(mailbox, uidValidity, uid, KeyOf(mailbox, uidValidity, uid, summary), null, Envelope(summary), "too-large", cancellationToken);
        }

        /// <summary>The Message-ID from the envelope (as an import would key it), or a digest naming the message in its folder.</summary>
        private static string KeyOf(string mailbox, long uidValidity, long uid, IMessageSummary? summary)
        {
            var id = summary?.Envelope?.MessageId?.Trim().Trim('<', '>').Trim();
            if (!string.IsNullOrEmpty(id) && id.Length <= InboundMessage.MaxKeyLength && !id.Any(char.IsControl)) return id;
            return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{mailbox}\n{uidValidity}\n{uid}")));
        }

        /// <summary>Who sent it and its subject, as far as the envelope tells, for the record of a message not read.</summary>
        private static InboundMessage? Envelope(IMessageSummary? summary)
        {
            if (summary?.Envelope is not { } envelope) return null;
            static string Clean(string? value) => string.Concat((value ?? "").Select(c => char.IsControl(c) ? ' ' : c)).Trim();
            return new InboundMessage
            {
                Key = "", FromAddress = Clean(envelope.From.Mailboxes.FirstOrDefault()?.Address), Subject = Clean(envelope.Subject),
                Text = "", NewText = "",
            };
        }

        /// <summary>Imports one message: everything it causes is committed with its inbound row and the cursor, or nothing is.</summary>
        private async Task<Effect> ImportAsync(string mailbox, long uidValidity, long uid, byte[] raw, CancellationToken cancellationToken)
        {
            MimeMessage? message = null;
            InboundMessage? mail = null;
            try
            {
                using var stream = new MemoryStream(raw, writable: false);
                message = await MimeMessage.LoadAsync(ParserOptions.Default, stream, cancellationToken);
                mail = InboundMessage.Read(message, raw);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A message nobody can read must not block the mailbox: it is recorded as ignored and the cursor moves on.
                logger.LogWarning("Inbound mail uid {Uid} could not be read: {Error}", uid, ex.GetType().Name);
            }
            var key = mail?.Key ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw));

            try
            {
                return await CommitAsync(mailbox, uidValidity, uid, key, message, mail, message is null ? "unreadable" : null, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && message is not null && !IsTransient(ex))
            {
                // A message whose effect cannot be written (a bug, a value the database refuses) must not block the
                // mailbox for good: it is recorded as ignored, the cursor moves on, and an operator finds it by its
                // reason. A transient failure (the database is away) fails the poll instead; the next one retries.
                logger.LogError("Inbound mail uid {Uid} could not be imported ({Error}); recorded as ignored", uid, ex.GetType().Name);
                return await CommitAsync(mailbox, uidValidity, uid, key, null, null, "import-failed", cancellationToken);
            }
        }

        /// <summary>One transaction: the cursor, the inbound row and its effect (none when <paramref name="ignoredReason"/> is given).</summary>
        private async Task<Effect> CommitAsync(string mailbox, long uidValidity, long uid, string key, MimeMessage? message, InboundMessage? mail,
            string? ignoredReason, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                db.ChangeTracker.Clear();
                try
                {
                    Applied applied;
                    using (await gate.EnterAsync(cancellationToken))
                    await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
                    {
                        var now = clock.GetUtcNow().UtcDateTime;
                        var cursor = await db.MailboxCursors.SingleOrDefaultAsync(c => c.Mailbox == mailbox, cancellationToken);
                        if (cursor is null) db.MailboxCursors.Add(cursor = MailboxCursor.Start(mailbox, uidValidity));
                        cursor.Advance(uidValidity, uid);

                        var seen = await db.InboundMails.AnyAsync(m => m.MessageId == key
                            || (m.Mailbox == mailbox && m.UidValidity == uidValidity && m.Uid == uid), cancellationToken);
                        applied = seen
                            ? new Applied(Effect.Duplicate, null, null, null)
                            : ignoredReason is not null || message is null || mail is null
                                ? Record(mailbox, uidValidity, uid, key, mail, now, InboundOutcome.Ignored, ignoredReason ?? "unreadable", null)
                                : await ApplyAsync(mailbox, uidValidity, uid, message, mail, now, cancellationToken);
                        await db.SaveChangesAsync(cancellationToken);
                        await transaction.CommitAsync(cancellationToken);
                    }
                    if (applied.Effect != Effect.Duplicate)
                        logger.LogInformation("Inbound mail {InboundMailId} (uid {Uid}): {Outcome} {Reason} case {CaseId}",
                            applied.InboundMailId, uid, applied.Effect, applied.Reason, applied.CaseId);
                    return applied.Effect;
                }
                catch (DbUpdateConcurrencyException) when (attempt < ConflictAttempts)
                {
                    // Someone changed the case meanwhile: read it again and redo this message.
                }
                catch (DbUpdateException) when (attempt < ConflictAttempts)
                {
                    // A concurrent poll imported the same message first (unique Message-ID / UID): the next attempt
                    // sees its row and finds nothing to do; anything else fails again and surfaces.
                }
            }
        }

        private static bool IsTransient(Exception ex)
        {
            for (var e = (Exception?)ex; e is not null; e = e.InnerException)
                if (e is System.Data.Common.DbException { IsTransient: true } or DbUpdateConcurrencyException or TimeoutException or IOException
                    or System.Net.Sockets.SocketException)
                    return true;
            return false;
        }

        private sealed record Applied(Effect Effect, Guid? InboundMailId, string? Reason, Guid? CaseId);

        private async Task<Applied> ApplyAsync(string mailbox, long uidValidity, long uid, MimeMessage message, InboundMessage mail, DateTime now,
            CancellationToken cancellationToken)
        {
            var desk = MailboxAddress.Parse(options.Value.Mail.From).Address;
            var guard = LoopGuard.ReasonToIgnore(message, mail, desk, InquirerMail.MessageIdDomain(options.Value.Mail));
            var (target, mismatch, isInternal) = await FindCaseAsync(mail, cancellationToken);
            if (guard is not null) return Record(mailbox, uidValidity, uid, mail.Key, mail, now, InboundOutcome.Ignored, guard, target?.Id);

            if (Unsubscribe().Match(Normalized(mail.Subject)) is { Success: true } unsubscribe)
                return await OptOutAsync(mailbox, uidValidity, uid, mail, unsubscribe.Groups[1].Value.ToUpperInvariant(), now, cancellationToken);

            if (await IsFloodAsync(mail.FromAddressKey, now, cancellationToken))
                return Record(mailbox, uidValidity, uid, mail.Key, mail, now, InboundOutcome.Ignored, "flood", target?.Id);

            if (target is not null && isInternal)
            {
                // Kept for staff, labelled with its sender; no message from the inquirer, so nothing wakes or is cancelled.
                var entry = Record(mailbox, uidValidity, uid, mail.Key, mail, now, InboundOutcome.Internal, null, target.Id);
                var (text, quotedText) = mail.NewText.Length > 0 ? (mail.NewText, mail.QuotedText) : (mail.Text, null);
                CaseTimeline.Record(db, TimelineEntry.Create(target.Id, InternalMailEntry, now, new
                {
                    from = mail.FromAddress, fromName = mail.FromName, subject = mail.Subject, body = text, quotedText, inboundMailId = entry.InboundMailId,
                }));
                return entry;
            }

            if (target is not null)
            {
                var reply = Record(mailbox, uidValidity, uid, mail.Key, mail, now, InboundOutcome.Reply, null, target.Id);
                var (body, quoted) = mail.NewText.Length > 0 ? (mail.NewText, mail.QuotedText) : (mail.Text, null);
                await replies.ReceiveAsync(target, new InquirerMessage("mail", mail.Subject, body, quoted, reply.InboundMailId, mail.FromAddress), now, cancellationToken);
                return reply;
            }

            if (!EmailAddress.IsValid(mail.FromAddress))
                return Record(mailbox, uidValidity, uid, mail.Key, mail, now, InboundOutcome.Ignored, "invalid-sender", null);

            var @case = Case.Submit(await references.NextAsync(now, cancellationToken), ToInquiry(mail, now), IntakeSource.Email, now, serviceLevel);
            db.Cases.Add(@case);
            db.CaseSearch.Add(CaseSearchDocument.For(@case));
            // Threaded to the inquirer's own mail, so their client shows our answer under what they wrote.
            db.Outbox.Add(acknowledgement.Create(@case, now, ThreadableMessageId().IsMatch(mail.Key) ? mail.Key : null));
            await followUps.ReconcileAsync(@case, now, cancellationToken);
            // A subject naming a case whose inquirer has another address opens a case of its own: references are
            // guessable, so only the inquirer (or whoever holds one of our Message-IDs) can add to a case.
            return Record(mailbox, uidValidity, uid, mail.Key, mail, now, InboundOutcome.NewCase, mismatch ? "reference-sender-mismatch" : null, @case.Id);
        }

        private Applied Record(string mailbox, long uidValidity, long uid, string key, InboundMessage? mail, DateTime now,
            InboundOutcome outcome, string? reason, Guid? caseId)
        {
            var row = InboundMail.Record(mailbox, uidValidity, uid, key, Cut(mail?.FromAddressKey ?? "", 254), mail?.Subject ?? "", now, outcome, reason, caseId);
            db.InboundMails.Add(row);
            var effect = outcome switch
            {
                InboundOutcome.Reply => Effect.Reply,
                InboundOutcome.NewCase => Effect.NewCase,
                InboundOutcome.Internal => Effect.Internal,
                _ => Effect.Ignored,
            };
            return new Applied(effect, row.Id, reason, caseId);
        }

        /// <summary>
        /// The case a mail answers: through one of our Message-IDs it quotes (In-Reply-To, References), then through
        /// a reference in its subject when it comes from that case's inquirer. Merged cases lead to where they went.
        /// Only an answer to mail we sent the case's own inquirer is the inquirer's; an answer to mail we sent anyone
        /// else (managers, a municipality) is <c>Internal</c>: staff see it on the case, the inquirer never does.
        /// </summary>
        private async Task<(Case? Case, bool ReferenceFromStranger, bool Internal)> FindCaseAsync(InboundMessage mail, CancellationToken cancellationToken)
        {
            if (mail.Answers.Count > 0)
            {
                var answers = mail.Answers.ToList();
                var answered = await (from m in db.Outbox.AsNoTracking()
                                      where answers.Contains(m.MessageId) && m.CaseId != null
                                      join c in db.Cases.AsNoTracking() on m.CaseId equals c.Id
                                      orderby m.CreatedAt descending
                                      select new { c.Id, m.ToAddress, c.Email })
                    .ToListAsync(cancellationToken);
                var toInquirer = answered.FirstOrDefault(m => string.Equals(m.ToAddress.Trim(), m.Email.Trim(), StringComparison.OrdinalIgnoreCase));
                if (toInquirer is not null) return (await FollowMergesAsync(toInquirer.Id, cancellationToken), false, false);
                if (answered.Count > 0) return (await FollowMergesAsync(answered[0].Id, cancellationToken), false, true);
            }

            var mismatch = false;
            foreach (var reference in ReferenceInSubject().Matches(Normalized(mail.Subject)).Select(m => m.Value.ToUpperInvariant()).Distinct())
            {
                var @case = await db.Cases.SingleOrDefaultAsync(c => c.Reference == reference, cancellationToken);
                if (@case is null) continue;
                if (@case.EmailNormalized == mail.FromAddressNormalized) return (await FollowMergesAsync(@case.Id, cancellationToken), false, false);
                mismatch = true;
            }
            return (null, mismatch, false);
        }

        private async Task<Case?> FollowMergesAsync(Guid caseId, CancellationToken cancellationToken)
        {
            var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
            for (var hops = 0; @case?.MergedIntoId is { } into && hops < 5; hops++)
                @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == into, cancellationToken) ?? @case;
            return @case;
        }

        /// <summary>
        /// "unsubscribe CD-…" from the List-Unsubscribe mailto of our non-essential mails: only the case's own address
        /// can opt out, and the mail itself is no message on the case.
        /// </summary>
        private async Task<Applied> OptOutAsync(string mailbox, long uidValidity, long uid, InboundMessage mail, string reference, DateTime now,
            CancellationToken cancellationToken)
        {
            var @case = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Reference == reference, cancellationToken);
            if (@case is null || @case.EmailNormalized != mail.FromAddressNormalized)
                return Record(mailbox, uidValidity, uid, mail.Key, mail, now, InboundOutcome.Ignored, "unsubscribe-unmatched", null);
            if (!await db.MailOptOuts.AnyAsync(o => o.EmailNormalized == @case.EmailNormalized, cancellationToken))
            {
                db.MailOptOuts.Add(MailOptOut.For(@case, OptOutChannel.Mail, now));
                CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, "opted-out", now, new { via = "mail" }));
            }
            return Record(mailbox, uidValidity, uid, mail.Key, mail, now, InboundOutcome.Ignored, "unsubscribe", @case.Id);
        }

        /// <summary>Mails from one sender acted on in the last 24 hours; past the cap, the rest are recorded and ignored.</summary>
        private async Task<bool> IsFloodAsync(string from, DateTime now, CancellationToken cancellationToken)
        {
            var since = now.AddDays(-1);
            var acted = await db.InboundMails.CountAsync(m => m.FromAddressNormalized == from && m.ReceivedAt > since
                && m.Outcome != InboundOutcome.Ignored, cancellationToken);
            return acted >= options.Value.Mail.Imap.MaxPerSenderPerDay;
        }

        /// <summary>
        /// The message's bytes as the server holds them, or null when someone deleted it meanwhile. Reading stops one
        /// byte past <paramref name="maxBytes"/>, on the wire too (a partial fetch: a server may report a size smaller than
        /// what it holds, and MailKit buffers what it fetches).
        /// </summary>
        private async Task<byte[]?> ReadAsync(IMailFolder folder, UniqueId uid, long maxBytes, CancellationToken cancellationToken)
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

        private async Task MarkSeenAsync(IMailFolder folder, UniqueId uid, CancellationToken cancellationToken)
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
    }

    /// <summary>One cursor per account and folder.</summary>
    public static string MailboxKey(ImapOptions imap)
    {
        var key = $"{imap.UserName}@{imap.Host}/{imap.Folder}";
        return key.Length <= 200 ? key : key[..200];
    }

    /// <summary>What a web form would have asked, filled in from the mail as far as it tells.</summary>
    public static Inquiry ToInquiry(InboundMessage mail, DateTime now)
    {
        var english = LooksEnglish(mail.Subject + "\n" + mail.Text);
        var (family, given) = Names(mail, english);
        var culture = english ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("ja");
        var subject = mail.Subject.Trim();
        return new Inquiry
        {
            InquirerType = InquirerType.Other,
            FamilyName = family,
            GivenName = given,
            FamilyNameKana = "",
            GivenNameKana = "",
            Email = mail.FromAddress,
            PrefectureCode = UnknownPrefecture,
            Topics = [Topic.Other],
            PreferredChannel = ContactChannel.Email,
            Language = english ? InquiryLanguage.En : InquiryLanguage.Ja,
            Subject = subject.Length == 0 ? Texts.ResourceManager.GetString(nameof(Texts.InboundNoSubject), culture) ?? "-" : Cut(subject, 1000),
            Message = mail.Text.Length == 0 ? Texts.ResourceManager.GetString(nameof(Texts.InboundNoText), culture) ?? "-" : mail.Text,
            // Nobody ticked a box: the inquirer wrote to the desk's published address, and the acknowledgement
            // carries the desk's statement of how their data is used.
            PrivacyConsentAt = now,
        };
    }

    /// <summary>
    /// The display name split so the case shows it in the order it was written: family name first for Japanese,
    /// given name first for English (the case prints them in that order per language). No name: the address's local part.
    /// </summary>
    private static (string Family, string Given) Names(InboundMessage mail, bool english)
    {
        var display = (mail.FromName ?? mail.FromAddress.Split('@')[0]).Trim().Trim('"', '\'').Trim();
        if (display.Length == 0) display = mail.FromAddress;
        var parts = display.Split([' ', '\u3000'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 2) return (Cut(display, 100), "");
        if (!english) return (Cut(parts[0], 100), Cut(parts[1], 100));
        var last = display.LastIndexOfAny([' ', '\u3000']);
        return (Cut(display[(last + 1)..].Trim(), 100), Cut(display[..last].Trim(), 100));
    }

    /// <summary>Clearly English: no Japanese script at all, and some words of Latin letters.</summary>
    public static bool LooksEnglish(string text)
    {
        var letters = 0;
        foreach (var ch in text)
        {
            if (ch is >= '\u3040' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uFF00' and <= '\uFFEF' or >= '\u3000' and <= '\u303F')
                return false;
            if (char.IsAsciiLetter(ch)) letters++;
        }
        return letters >= 10;
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];

    /// <summary>Full-width letters, digits and dashes as ASCII, so ＣＤ－２０２６－０００１２３ is found too.</summary>
    private static string Normalized(string subject) => subject.Normalize(NormalizationForm.FormKC);

    [GeneratedRegex(@"CD-\d{4}-\d{6}", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceInSubject();

    [GeneratedRegex(@"^\s*unsubscribe\s+(CD-\d{4}-\d{6})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Unsubscribe();

    /// <summary>A Message-ID safe to put back into a header: printable ASCII, one @, no brackets or spaces.</summary>
    [GeneratedRegex(@"^[!#-;=?A-Z\[\]^-~]{1,200}@[!#-;=?A-Z\[\]^-~]{1,200}$")]
    private static partial Regex ThreadableMessageId();
}
