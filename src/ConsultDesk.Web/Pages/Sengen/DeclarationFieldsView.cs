using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Resources;
using ConsultDesk.Web.Pages.Inquiries;
using ConsultDesk.Web.Pages.Shared;

namespace ConsultDesk.Web.Pages.Sengen;

/// <summary>What the <c>_DeclarationFields</c> partial shows: every field of the Action宣言 form (new and edit).</summary>
public sealed record DeclarationFieldsView(PublicFormModel Page, DeclarationForm Form, IReadOnlyList<DeclarationItem> Items,
    LocalGovernmentLookup Municipalities, string? LookupMessage);

/// <summary>The answers as the 確認画面 and the declarant's page show them, in the form's sections, each label with its [公開] marker.</summary>
public static class DeclarationReview
{
    public static IReadOnlyList<FormReviewSection> Sections(DeclarationForm f, IReadOnlyList<DeclarationItem> items, LocalGovernmentLookup municipalities,
        bool english, bool includeAgreements = true)
    {
        string L(string label, string field) => DeclarationForm.IsPublic(field) ? $"{label} [{Texts.SengenPublicMarker}]" : label;
        var prefecture = Prefecture.Find(f.PrefectureCode ?? "");
        var sections = new List<FormReviewSection>
        {
            new(Texts.SengenSectionOrganization,
            [
                new(L(Texts.SengenFieldOrganizationName, nameof(f.OrganizationName)), f.OrganizationName),
                new(L(Texts.SengenFieldOrganizationNameKana, nameof(f.OrganizationNameKana)), f.OrganizationNameKana),
                new(L(Texts.SengenFieldCorporateNumber, nameof(f.CorporateNumber)), f.CorporateNumber),
                .. string.IsNullOrEmpty(f.CorporateNumber) ? new[] { new FormReviewRow(Texts.SengenFieldNoCorporateNumberReason, f.NoCorporateNumberReason) } : [],
                new(L(Texts.FieldIndustry, nameof(f.Industry)), Industry.Divisions.FirstOrDefault(d => d.Code == f.Industry) is { Code: not null } d ? (english ? d.En : d.Ja) : null),
                new(L(Texts.FieldEmployees, nameof(f.Employees)), f.Employees),
                new(L(Texts.SengenFieldWebsite, nameof(f.Website)), f.Website),
            ]),
            new(Texts.SengenSectionAddress,
            [
                new(L(Texts.FieldPostalCode, nameof(f.PostalCode)), f.PostalCode),
                new(L(Texts.FieldPrefecture, nameof(f.PrefectureCode)), english ? prefecture?.NameEn : prefecture?.Name),
                new(L(Texts.FieldAddressMunicipality, nameof(f.LocalGovernmentCode)), f.LocalGovernmentCode is { } code ? municipalities.Find(code)?.Name ?? code : null),
                new(L(Texts.FieldAddressStreet, nameof(f.AddressStreet)), f.AddressStreet),
                new(L(Texts.FieldAddressBuilding, nameof(f.AddressBuilding)), f.AddressBuilding),
            ]),
            new(Texts.SengenSectionRepresentative,
            [
                new(L(Texts.SengenFieldRepresentativeName, nameof(f.RepresentativeName)), f.RepresentativeName),
                new(L(Texts.SengenFieldRepresentativeTitle, nameof(f.RepresentativeTitle)), f.RepresentativeTitle),
            ]),
            new(Texts.SengenSectionContact,
            [
                new(Texts.FieldFamilyName + " / " + Texts.FieldGivenName, $"{f.FamilyName} {f.GivenName}".Trim()),
                new(Texts.FieldFamilyNameKana + " / " + Texts.FieldGivenNameKana, $"{f.FamilyNameKana} {f.GivenNameKana}".Trim()),
                new(Texts.FieldDepartment, f.Department),
                new(Texts.FieldEmail, f.Email),
                new(Texts.FieldPhone, f.Phone),
                new(Texts.FormLanguage, f.Language == "en" ? Texts.LanguageEn : Texts.LanguageJa),
            ]),
            new(L(Texts.SengenSectionCommitments, nameof(f.Items)),
                [.. f.ChosenItems(items).Select(code => items.FirstOrDefault(i => i.Kind == DeclarationItemKind.Commitment && i.Code == code) is { } item
                    ? new FormReviewRow($"{item.Marker} {item.Label(english)}", f.ItemTexts.GetValueOrDefault(code))
                    : new FormReviewRow($"【{code}】", f.ItemTexts.GetValueOrDefault(code)))]),
        };
        if (includeAgreements)
            sections.Add(new(Texts.SengenSectionAgreements,
                [.. items.Where(i => i.Kind == DeclarationItemKind.Agreement && (i.Active || f.Agreements.Contains(i.Code)))
                    .Select(i => new FormReviewRow(i.Label(english), f.Agreements.Contains(i.Code) ? Texts.FormConsentGiven : null))]));
        return sections;
    }
}
