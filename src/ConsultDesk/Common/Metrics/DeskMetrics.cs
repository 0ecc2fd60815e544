using System.Diagnostics.Metrics;

namespace ConsultDesk.Common.Metrics;

/// <summary>
/// The desk's own instruments (meter <c>ConsultDesk</c>): counters the dispatcher and the mailbox poll add to, and
/// gauges read from the last <see cref="OperationsSnapshot"/>. Labels are bounded code values (mail kind, outcome,
/// queue name), never an address, a name or a subject.
/// </summary>
public sealed class DeskMetrics
{
    public const string MeterName = "ConsultDesk";

    private readonly Counter<long> outboxSent;
    private readonly Counter<long> outboxRetrying;
    private readonly Counter<long> outboxFailed;
    private readonly Counter<long> mailboxPolls;
    private readonly Counter<long> mailboxMessages;

    public DeskMetrics(IMeterFactory meters, OperationsSnapshot snapshot)
    {
        var meter = meters.Create(MeterName);
        outboxSent = meter.CreateCounter<long>("consultdesk.outbox.sent", "{mail}", "Outbox mails the SMTP server accepted, by mail kind.");
        outboxRetrying = meter.CreateCounter<long>("consultdesk.outbox.retrying", "{attempt}", "Delivery attempts that failed and will be retried, by mail kind.");
        outboxFailed = meter.CreateCounter<long>("consultdesk.outbox.failed", "{mail}", "Outbox mails given up for good (5xx answer or attempts used up), by mail kind.");
        mailboxPolls = meter.CreateCounter<long>("consultdesk.imap.polls", "{poll}", "IMAP mailbox polls, by outcome (ok, error).");
        mailboxMessages = meter.CreateCounter<long>("consultdesk.imap.messages", "{message}", "Inbound messages the poll took, by effect (reply, new-case, internal, ignored, duplicate).");

        // Read at each scrape from the snapshot the metrics endpoint refreshed just before: one query per scrape.
        meter.CreateObservableGauge("consultdesk.outbox.pending", () => One(snapshot.Current?.OutboxPending),
            "{mail}", "Outbox mails not yet sent (due, retrying or leased), in the whole database.");
        meter.CreateObservableGauge("consultdesk.outbox.oldest_pending_age", () => One(snapshot.Current?.OldestPendingAgeSeconds),
            "s", "Age of the oldest unsent outbox mail (0 when none is pending).");
        meter.CreateObservableGauge("consultdesk.followups.due", () => One(snapshot.Current?.FollowUpsDue),
            "{follow-up}", "Follow-ups whose time has come and that are not sent, cancelled or skipped yet.");
        meter.CreateObservableGauge("consultdesk.hangfire.enqueued", () => snapshot.Jobs?.EnqueuedByQueue
                .Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>("queue", q.Key))) ?? [],
            "{job}", "Hangfire jobs waiting in each queue.");
        meter.CreateObservableGauge("consultdesk.hangfire.failed", () => One(snapshot.Jobs?.Failed),
            "{job}", "Hangfire jobs in the failed state.");
        meter.CreateObservableGauge("consultdesk.hangfire.scheduled", () => One(snapshot.Jobs?.Scheduled),
            "{job}", "Hangfire jobs scheduled for later.");
    }

    /// <summary>No measurement while the figure is unknown (its read failed): a gap, not a false zero.</summary>
    private static IEnumerable<Measurement<T>> One<T>(T? value) where T : struct =>
        value is { } known ? [new Measurement<T>(known)] : [];

    public void MailSent(string kind) => outboxSent.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void MailRetrying(string kind) => outboxRetrying.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void MailFailed(string kind) => outboxFailed.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void MailboxPolled(bool ok) => mailboxPolls.Add(1, new KeyValuePair<string, object?>("outcome", ok ? "ok" : "error"));

    public void MailboxMessages(string effect, int count)
    {
        if (count > 0) mailboxMessages.Add(count, new KeyValuePair<string, object?>("effect", effect));
    }
}
