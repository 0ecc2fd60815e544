using System.Globalization;
using ConsultDesk.Domain;
using ConsultDesk.Mail.Inbound;
using ConsultDesk.Resources;

namespace ConsultDesk.Features.Inbound;

/// <summary>A mail that answers no case, read as the inquiry a web form would have asked for: language and name guessed.</summary>
public static class InboundInquiry
{
    /// <summary>A mail does not say where the inquirer is; <c>00</c> is no JIS X 0401 prefecture, so triage sets it.</summary>
    public const string UnknownPrefecture = "00";

    /// <summary>What a web form would have asked, filled in from the mail as far as it tells.</summary>
    public static Inquiry From(InboundMessage mail, DateTime now)
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
    public static (string Family, string Given) Names(InboundMessage mail, bool english)
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

    internal static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
