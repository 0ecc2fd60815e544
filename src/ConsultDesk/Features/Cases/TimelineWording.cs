using System.Globalization;
using System.Text.Json.Nodes;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Resources;

namespace ConsultDesk.Features.Cases;

/// <summary>
/// A history entry as a consultant reads it: what kind of entry it is (an internal note, a sent or received mail, or
/// an event), one sentence in the reader's language, and the text it carries. No raw stored values reach the page.
/// </summary>
public static class TimelineWording
{
    /// <summary>How an entry is set apart on the page.</summary>
    public enum Kind
    {
        Event,
        Note,
        Outbound,
        Inbound,
        InternalMail,
    }

    public sealed record Wording(Kind Kind, string Label, string Sentence, string? Subject, string? Body, string? Detail);

    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string LabelOf(Kind kind) => kind switch
    {
        Kind.Note => Texts.EntryLabelNote,
        Kind.Outbound => Texts.EntryLabelOutbound,
        Kind.Inbound => Texts.EntryLabelInbound,
        Kind.InternalMail => Texts.EntryLabelInternalMail,
        _ => Texts.EntryLabelEvent,
    };

    public static Wording Describe(JsonObject entry)
    {
        var type = Text(entry, "type");
        Wording Event(string sentence, string? detail = null) => new(Kind.Event, StatusNames.TimelineType(type), sentence, null, null, detail);
        switch (type)
        {
            case "submitted":
                return Event(string.Format(Texts.EntrySubmitted, SourceName(Text(entry, "source"))));
            case "mail-sent":
                return Event(string.Format(Texts.EntryMailSent, StatusNames.MailKind(Text(entry, "kind"))));
            case "mail-failed":
                return Event(string.Format(Texts.EntryMailFailed, StatusNames.MailKind(Text(entry, "kind"))));
            case "mail-retried":
                return Event(string.Format(Texts.EntryMailRetried, StatusNames.MailKind(Text(entry, "kind"))));
            case "claimed":
                return Event(Texts.EntryClaimed);
            case "assigned":
                return Event(string.Format(Texts.EntryAssigned, Text(entry, "toName") is { Length: > 0 } name ? name : "—"));
            case "released":
                return Event(Texts.EntryReleased);
            case "transition":
            {
                var reason = Text(entry, "reason");
                if (reason == "inquirer-replied") return Event(Texts.EntryReopenedByReply);
                var sentence = string.Format(Texts.EntryTransition, StatusName(Text(entry, "from")), StatusName(Text(entry, "to")));
                var why = Wire.TryParse<CloseReason>(reason, out var r) ? string.Format(Texts.EntryTransitionReason, StatusNames.Of(r)) : null;
                var detail = string.Join(" ", new[] { why, Text(entry, "comment") }.Where(s => !string.IsNullOrEmpty(s)));
                return Event(sentence, detail.Length == 0 ? null : detail);
            }
            case "note":
                return new(Kind.Note, Texts.EntryLabelNote, Texts.EntryNote, null, Text(entry, "body"), null);
            case "message" when Text(entry, "direction") == "outbound":
                return new(Kind.Outbound, Texts.EntryLabelOutbound, Texts.EntryOutbound, Text(entry, "subject"), Text(entry, "body"), null);
            case "message":
            {
                var portal = Text(entry, "via") == "portal";
                return new(Kind.Inbound, portal ? Texts.EntryLabelPortal : Texts.EntryLabelInbound, portal ? Texts.EntryInboundPortal : Texts.EntryInbound,
                    Text(entry, "subject") is { Length: > 0 } s ? s : null, Text(entry, "body"), null);
            }
            case "internal-mail":
            {
                var from = Text(entry, "fromName") is { Length: > 0 } fromName ? $"{fromName} <{Text(entry, "from")}>" : Text(entry, "from");
                return new(Kind.InternalMail, Texts.EntryLabelInternalMail, Texts.EntryInternalMail, Text(entry, "subject"), Text(entry, "body"),
                    $"{Texts.TimelineInternalMailFrom}: {from}");
            }
            case "consultation":
            {
                var channel = Wire.TryParse<ConsultationChannel>(Text(entry, "channel"), out var c) ? ConsultationChannelNames.Name(c, English) : Text(entry, "channel");
                var startsAt = entry["startsAt"] is JsonValue v && v.TryGetValue<DateTime>(out var at) ? JapanTime.Format(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : "";
                var sentence = string.Format(Texts.EntryConsultation, channel, Text(entry, "durationMinutes"), startsAt);
                var detail = string.Join("\n", new[] { Text(entry, "attendees") is { Length: > 0 } who ? $"{Texts.FieldAttendees}: {who}" : null,
                    Text(entry, "nextSteps") is { Length: > 0 } next ? $"{Texts.FieldNextSteps}: {next}" : null }.Where(s => s is not null));
                return new(Kind.Event, StatusNames.TimelineType(type), sentence, null, Text(entry, "summary") is { Length: > 0 } summary ? summary : null,
                    detail.Length == 0 ? null : detail);
            }
            case "task":
            {
                var format = Text(entry, "change") switch
                {
                    "completed" => Texts.EntryTaskCompleted,
                    "reopened" => Texts.EntryTaskReopened,
                    "checklist" => Texts.EntryTaskChecklist,
                    _ => Texts.EntryTaskCreated,
                };
                return Event(string.Format(format, Text(entry, "title")));
            }
            case "merge":
                return Event(string.Format(Text(entry, "direction") == "from" ? Texts.EntryMergeFrom : Texts.EntryMergeInto, Text(entry, "reference")));
            case "survey-answered":
                return Event(Texts.EntrySurveyAnswered);
            case "opted-out":
                return Event(Texts.EntryOptedOut);
            case "follow-up-sent" or "follow-up-cancelled" or "follow-up-skipped":
            {
                var format = type switch
                {
                    "follow-up-sent" => Texts.EntryFollowUpSent,
                    "follow-up-cancelled" => Texts.EntryFollowUpCancelled,
                    _ => Texts.EntryFollowUpSkipped,
                };
                var reason = Text(entry, "reason");
                return Event(string.Format(format, StatusNames.FollowUpRule(Text(entry, "rule"))),
                    reason.Length > 0 ? StatusNames.FollowUpReason(reason) : null);
            }
            case "match-proposed":
                return Event(string.Format(Texts.EntryMatchProposed, Municipality(entry)), NullIfEmpty(Text(entry, "note")));
            case "match-consent-requested":
                return Event(string.Format(Texts.EntryMatchConsentRequested, Municipality(entry)));
            case "match-consented":
                return Event(string.Format(Texts.EntryMatchConsented, Municipality(entry)));
            case "match-declined":
                return Event(string.Format(Texts.EntryMatchDeclined, Municipality(entry)));
            case "match-introduced":
                return Event(string.Format(Texts.EntryMatchIntroduced, Municipality(entry)));
            case "match-meeting-held" or "match-concluded" or "match-dropped":
            {
                var to = Wire.TryParse<ProposalStatus>(Text(entry, "to"), out var moved) ? MatchNames.Of(moved)
                    : Wire.TryParse<ProposalStatus>(type["match-".Length..], out var byType) ? MatchNames.Of(byType) : "";
                return Event(string.Format(Texts.EntryMatchMoved, Municipality(entry), to));
            }
            case "match-needs-updated":
                return Event(Texts.EntryMatchNeedsUpdated);
            default:
                return Event(string.Format(Texts.EntryUnknown, StatusNames.TimelineType(type)));
        }
    }

    public static string SourceName(string wire) => wire switch
    {
        "web-form" => Texts.SourceWebForm,
        "email" => Texts.SourceEmail,
        "api" => Texts.SourceApi,
        _ => wire,
    };

    public static string SourceName(IntakeSource source) => SourceName(Wire.Name(source));

    public static string LanguageName(InquiryLanguage language) => language == InquiryLanguage.En ? Texts.LanguageEn : Texts.LanguageJa;

    public static string SizeName(int employees) => employees switch
    {
        < 50 => Texts.SizeSmall,
        < 300 => Texts.SizeMedium,
        _ => Texts.SizeLarge,
    };

    private static string Municipality(JsonObject entry) =>
        Text(entry, "municipalityName") is { Length: > 0 } name ? name : Text(entry, "municipalityCode");

    private static string StatusName(string wire) => Wire.TryParse<CaseStatus>(wire, out var status) ? StatusNames.Of(status) : wire;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>A stored value as plain text (strings as they are, numbers and dates in their JSON form).</summary>
    public static string Text(JsonObject entry, string key) => entry[key] switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        var node => node.ToJsonString().Trim('"'),
    };
}
