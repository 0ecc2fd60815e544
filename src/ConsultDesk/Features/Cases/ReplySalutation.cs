using ConsultDesk.Domain;

namespace ConsultDesk.Features.Cases;

/// <summary>
/// The reply template addresses the inquirer itself (「山田 太郎 様」, "Dear Taro Yamada,"). A consultant who starts the
/// text with the same salutation would send it twice, so the text's own leading salutation lines are dropped: the
/// organisation's name and the contact's name with an honorific (様・さま・殿・さん・御中) or after "Dear". Only the first
/// few lines are looked at, and only when one of them names the contact; anything else in the text stays as typed.
/// </summary>
public static class ReplySalutation
{
    private const int MaxLines = 3;
    private static readonly string[] Honorifics = ["様", "さま", "殿", "さん", "御中", "各位"];

    public static string WithoutLeadingSalutation(Case @case, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var family = Squash(@case.FamilyName);
        var given = Squash(@case.GivenName);
        var organization = Squash(@case.OrganizationName ?? "");
        var cut = -1;
        var seen = 0;
        for (var i = 0; i < lines.Length && seen < MaxLines; i++)
        {
            var line = Squash(lines[i]);
            if (line.Length == 0) continue;
            seen++;
            if (NamesContact(line, family, given)) { cut = i; continue; }
            if (organization.Length > 0 && line == organization) continue;
            if (Squash(@case.Department ?? "") is { Length: > 0 } department && line == department) continue;
            if (organization.Length > 0 && line.StartsWith(organization, StringComparison.Ordinal) && line.Length <= organization.Length + 20 && !NamesContact(line, family, given)
                && !line.Contains('。')) continue;
            break;
        }
        if (cut < 0) return text;
        var rest = lines.Skip(cut + 1).SkipWhile(l => l.Trim().Length == 0);
        return string.Join("\n", rest);
    }

    private static bool NamesContact(string line, string family, string given)
    {
        if (family.Length == 0) return false;
        var english = line.StartsWith("dear", StringComparison.OrdinalIgnoreCase);
        var body = english ? line[4..].TrimEnd(',', '、', ':') : line;
        var hasHonorific = english;
        foreach (var h in Honorifics)
        {
            if (body.EndsWith(h, StringComparison.Ordinal)) { body = body[..^h.Length]; hasHonorific = true; break; }
        }
        if (!hasHonorific) return false;
        body = TrimTitles(body);
        return body == family || body == family + given || body == given + family || (english && (body.EndsWith(family, StringComparison.OrdinalIgnoreCase) || body.StartsWith(family, StringComparison.OrdinalIgnoreCase)))
            || body.EndsWith(family, StringComparison.Ordinal) || body.EndsWith(family + given, StringComparison.Ordinal);
    }

    private static string TrimTitles(string value)
    {
        foreach (var title in new[] { "mr.", "ms.", "mrs.", "dr.", "mr", "ms", "mrs", "dr" })
            if (value.StartsWith(title, StringComparison.OrdinalIgnoreCase)) return value[title.Length..];
        return value;
    }

    /// <summary>Without spaces of either width, so 「山田　様」 and 「山田様」 read the same.</summary>
    private static string Squash(string value) =>
        new(value.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());
}
