using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Domain;
using MimeKit;

namespace ConsultDesk.Mail;

/// <summary>What every mail to an inquirer shares: how the inquirer is addressed, how times read, whose domain names the Message-ID.</summary>
public static class InquirerMail
{
    public static bool IsEnglish(Case @case) => @case.Language == InquiryLanguage.En;

    /// <summary>Family name first in Japanese, given name first in English.</summary>
    public static string ContactName(Case @case) =>
        IsEnglish(@case) ? $"{@case.GivenName} {@case.FamilyName}" : $"{@case.FamilyName} {@case.GivenName}";

    public static string JapanTime(DateTime utc, bool english)
    {
        var local = Domain.Calendar.JapanTime.FromUtc(utc);
        return english ? local.ToString("yyyy-MM-dd HH:mm 'JST'", CultureInfo.InvariantCulture) : local.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture);
    }

    public static string MessageIdDomain(MailOptions mail) =>
        MailboxAddress.Parse(mail.From).Domain is { Length: > 0 } domain ? domain : "consultdesk.local";
}
