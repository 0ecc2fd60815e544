using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Resources;

namespace ConsultDesk.Web.Pages.Desk.Declarations;

/// <summary>A declaration version's content as labelled rows for the desk, each marked [公開] or not, and the rows that changed between two versions.</summary>
public static class DeclarationView
{
    public sealed record Row(string Field, string Label, string Value, bool Public);

    public sealed record Change(string Label, string Before, string After, bool Public);

    public static IReadOnlyList<Row> Rows(DeclarationContent c, IReadOnlyDictionary<string, string> itemLabels, bool english)
    {
        string Label(string field) => Texts.ResourceManager.GetString("DeclarationField_" + field, System.Globalization.CultureInfo.CurrentUICulture) ?? field;
        Row R(string field, string? value) => new(field, Label(field), string.IsNullOrWhiteSpace(value) ? "—" : value, DeclarationFields.IsPublic(field));
        string Item(string code) => itemLabels.TryGetValue(ItemKey(DeclarationItemKind.Commitment, code), out var label) ? $"【{code}】{label}" : $"【{code}】";
        return
        [
            R(nameof(c.OrganizationName), c.OrganizationName),
            R(nameof(c.OrganizationNameKana), c.OrganizationNameKana),
            R(nameof(c.CorporateNumber), c.CorporateNumber),
            .. c.CorporateNumber is null ? [R(nameof(c.NoCorporateNumberReason), c.NoCorporateNumberReason)] : Array.Empty<Row>(),
            R(nameof(c.PostalCode), c.PostalCode.Length == 7 ? $"〒{c.PostalCode[..3]}-{c.PostalCode[3..]}" : c.PostalCode),
            R(nameof(c.PrefectureCode), Prefecture.Find(c.PrefectureCode) is { } p ? (english ? p.NameEn : p.Name) : c.PrefectureCode),
            R(nameof(c.LocalGovernmentCode), c.LocalGovernmentCode),
            R(nameof(c.Street), c.Street),
            R(nameof(c.Building), c.Building),
            R(nameof(c.Industry), $"{c.Industry} {Industry.Name(c.Industry, english)}"),
            R(nameof(c.Employees), c.Employees.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
            R(nameof(c.Website), c.Website),
            R(nameof(c.RepresentativeName), c.RepresentativeName),
            R(nameof(c.RepresentativeTitle), c.RepresentativeTitle),
            R(nameof(c.ContactName), $"{c.ContactFamilyName} {c.ContactGivenName}"),
            R("ContactKana", $"{c.ContactFamilyNameKana} {c.ContactGivenNameKana}"),
            R(nameof(c.ContactDepartment), c.ContactDepartment),
            R(nameof(c.ContactEmail), c.ContactEmail),
            R(nameof(c.ContactPhone), c.ContactPhone),
            R(nameof(c.Commitments), string.Join("\n\n", c.Commitments.Select(x => $"{Item(x.ItemCode)}\n{x.Text}"))),
            R(nameof(c.Agreements), string.Join("\n", c.Agreements.Select(code => itemLabels.TryGetValue(ItemKey(DeclarationItemKind.Agreement, code), out var label) ? label : code))),
            R(nameof(c.Language), c.Language == InquiryLanguage.En ? "English" : "日本語"),
        ];
    }

    public static string ItemKey(DeclarationItemKind kind, string code) => $"{Wire.Name(kind)}:{code}";

    /// <summary>The fields whose shown value differs from the previous version's.</summary>
    public static IReadOnlyList<Change> Diff(IReadOnlyList<Row> previous, IReadOnlyList<Row> current)
    {
        var before = previous.ToDictionary(r => r.Field, StringComparer.Ordinal);
        var after = current.ToDictionary(r => r.Field, StringComparer.Ordinal);
        return previous.Select(r => r.Field).Union(current.Select(r => r.Field), StringComparer.Ordinal)
            .Select(field => (Before: before.GetValueOrDefault(field), After: after.GetValueOrDefault(field)))
            .Where(pair => pair.Before?.Value != pair.After?.Value)
            .Select(pair => new Change((pair.After ?? pair.Before)!.Label, pair.Before?.Value ?? "—", pair.After?.Value ?? "—", (pair.After ?? pair.Before)!.Public))
            .ToList();
    }

    /// <summary>A timeline entry in words: what happened, with its reason or note when it has one.</summary>
    public static string EventText(string type) =>
        Texts.ResourceManager.GetString("DeclarationEvent_" + type.Replace('-', '_'), System.Globalization.CultureInfo.CurrentUICulture) ?? type;
}
