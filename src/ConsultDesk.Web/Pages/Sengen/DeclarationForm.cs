using System.Globalization;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Features.Declarations;
using ConsultDesk.Resources;

namespace ConsultDesk.Web.Pages.Sengen;

/// <summary>What the Action宣言 form posts (new and edit). Flat and string-typed so any input round-trips back into the form.</summary>
public sealed class DeclarationForm
{
    public string? OrganizationName { get; set; }
    public string? OrganizationNameKana { get; set; }
    public string? CorporateNumber { get; set; }
    public string? NoCorporateNumberReason { get; set; }
    public string? Industry { get; set; }
    public string? Employees { get; set; }
    public string? Website { get; set; }
    public string? PostalCode { get; set; }
    public string? PrefectureCode { get; set; }
    public string? LocalGovernmentCode { get; set; }
    public string? AddressStreet { get; set; }
    public string? AddressBuilding { get; set; }
    public string? RepresentativeName { get; set; }
    public string? RepresentativeTitle { get; set; }
    public string? FamilyName { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyNameKana { get; set; }
    public string? GivenNameKana { get; set; }
    public string? Department { get; set; }
    public string? Email { get; set; }
    /// <summary>メールアドレス（確認用）: the form asks twice; the API does not.</summary>
    public string? EmailConfirmation { get; set; }
    public string? Phone { get; set; }
    /// <summary>The commitment items ticked (codes).</summary>
    public List<string> Items { get; set; } = [];
    /// <summary>取組内容 by item code.</summary>
    public Dictionary<string, string?> ItemTexts { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The agreements ticked (codes).</summary>
    public List<string> Agreements { get; set; } = [];
    public string? Language { get; set; }

    /// <summary>Which content field each form field shows, for the [公開] marker (<see cref="DeclarationFields.Public"/>).</summary>
    public static bool IsPublic(string formField) => DeclarationFields.IsPublic(formField switch
    {
        nameof(AddressStreet) => nameof(DeclarationContent.Street),
        nameof(AddressBuilding) => nameof(DeclarationContent.Building),
        nameof(FamilyName) or nameof(GivenName) => nameof(DeclarationContent.ContactFamilyName),
        nameof(FamilyNameKana) or nameof(GivenNameKana) => nameof(DeclarationContent.ContactFamilyNameKana),
        nameof(Department) => nameof(DeclarationContent.ContactDepartment),
        nameof(Email) or nameof(EmailConfirmation) => nameof(DeclarationContent.ContactEmail),
        nameof(Phone) => nameof(DeclarationContent.ContactPhone),
        nameof(Items) => nameof(DeclarationContent.Commitments),
        _ => formField,
    });

    /// <summary>The address fields of the partial that are published.</summary>
    public static readonly IReadOnlySet<string> PublicAddressFields =
        new[] { nameof(PostalCode), nameof(PrefectureCode), nameof(LocalGovernmentCode), nameof(AddressStreet), nameof(AddressBuilding) }
            .Where(IsPublic).ToHashSet(StringComparer.Ordinal);

    /// <summary>The fields in page order, for the error summary.</summary>
    public static IReadOnlyList<string> FieldOrder(IReadOnlyList<DeclarationItem> items) =>
    [
        nameof(OrganizationName), nameof(OrganizationNameKana), nameof(CorporateNumber), nameof(NoCorporateNumberReason), nameof(Industry),
        nameof(Employees), nameof(Website), nameof(PostalCode), nameof(PrefectureCode), nameof(LocalGovernmentCode), nameof(AddressStreet),
        nameof(AddressBuilding), nameof(RepresentativeName), nameof(RepresentativeTitle), nameof(FamilyName), nameof(GivenName),
        nameof(FamilyNameKana), nameof(GivenNameKana), nameof(Department), nameof(Email), nameof(EmailConfirmation), nameof(Phone),
        nameof(Items), .. items.Where(i => i.Kind == DeclarationItemKind.Commitment).Select(i => ItemTextField(i.Code)),
        nameof(Agreements), .. items.Where(i => i.Kind == DeclarationItemKind.Agreement).Select(i => AgreementField(i.Code)),
    ];

    public static string ItemTextField(string code) => "ItemText-" + code;
    public static string AgreementField(string code) => "Agreement-" + code;

    public void Normalize()
    {
        OrganizationName = FormInput.Text(OrganizationName);
        OrganizationNameKana = FormInput.Text(OrganizationNameKana) is { } kana ? JapaneseText.ToFullWidthKatakana(kana) : null;
        CorporateNumber = FormInput.Phone(CorporateNumber)?.Replace("-", "", StringComparison.Ordinal) is { Length: > 0 } n ? n : null;
        NoCorporateNumberReason = FormInput.Text(NoCorporateNumberReason);
        Industry = FormInput.Code(Industry);
        Employees = FormInput.Number(Employees);
        Website = FormInput.Text(Website);
        PostalCode = FormInput.PostalCode(PostalCode);
        PrefectureCode = FormInput.Code(PrefectureCode);
        LocalGovernmentCode = FormInput.Code(LocalGovernmentCode);
        AddressStreet = FormInput.Text(AddressStreet);
        AddressBuilding = FormInput.Text(AddressBuilding);
        RepresentativeName = FormInput.Text(RepresentativeName);
        RepresentativeTitle = FormInput.Text(RepresentativeTitle);
        FamilyName = FormInput.Text(FamilyName);
        GivenName = FormInput.Text(GivenName);
        FamilyNameKana = FormInput.Text(FamilyNameKana) is { } family ? JapaneseText.ToFullWidthKatakana(family) : null;
        GivenNameKana = FormInput.Text(GivenNameKana) is { } given ? JapaneseText.ToFullWidthKatakana(given) : null;
        Department = FormInput.Text(Department);
        Email = FormInput.Email(Email);
        EmailConfirmation = FormInput.Email(EmailConfirmation);
        Phone = FormInput.Phone(Phone);
        foreach (var key in ItemTexts.Keys.ToList()) ItemTexts[key] = FormInput.Multiline(ItemTexts[key]);
    }

    /// <summary>The items chosen, in the form's order: ticked, or with a 取組内容 typed.</summary>
    public IReadOnlyList<string> ChosenItems(IReadOnlyList<DeclarationItem> items) =>
        items.Where(i => i.Kind == DeclarationItemKind.Commitment)
            .Where(i => Items.Contains(i.Code) || !string.IsNullOrEmpty(ItemTexts.GetValueOrDefault(i.Code)))
            .Select(i => i.Code)
            // An item ticked that is no longer on the form still reaches the validator (which names it).
            .Concat(Items.Where(code => !items.Any(i => i.Kind == DeclarationItemKind.Commitment && i.Code == code)))
            .Distinct(StringComparer.Ordinal).ToList();

    public SubmitDeclaration.Command ToCommand(IReadOnlyList<DeclarationItem> items, IDictionary<string, string> fieldErrors)
    {
        int? employees = null;
        if (!string.IsNullOrWhiteSpace(Employees))
        {
            if (FormInput.TryParseNumber(Employees, out var parsed)) employees = parsed;
            else fieldErrors[nameof(Employees)] = Texts.Employees;
        }
        return new SubmitDeclaration.Command
        {
            Organization = new SubmitDeclaration.OrganizationInput
            {
                Name = OrganizationName,
                NameKana = OrganizationNameKana,
                CorporateNumber = CorporateNumber,
                NoCorporateNumberReason = NoCorporateNumberReason,
                Industry = Industry,
                Employees = employees,
                Website = Website,
            },
            Address = new SubmitDeclaration.AddressInput
            {
                PostalCode = PostalCode,
                PrefectureCode = PrefectureCode,
                LocalGovernmentCode = LocalGovernmentCode,
                Street = AddressStreet,
                Building = AddressBuilding,
            },
            Representative = new SubmitDeclaration.RepresentativeInput { Name = RepresentativeName, Title = RepresentativeTitle },
            Contact = new SubmitDeclaration.ContactInput
            {
                FamilyName = FamilyName,
                GivenName = GivenName,
                FamilyNameKana = FamilyNameKana,
                GivenNameKana = GivenNameKana,
                Department = Department,
                Email = Email,
                Phone = Phone,
            },
            Commitments = ChosenItems(items).Select(code => new SubmitDeclaration.CommitmentInput { ItemCode = code, Text = ItemTexts.GetValueOrDefault(code) }).ToList(),
            Agreements = Agreements,
            Language = Language == "en" ? InquiryLanguage.En : InquiryLanguage.Ja,
            Source = IntakeSource.WebForm,
        }.Normalized();
    }

    /// <summary>The form prefilled from a stored version (the declarant's edit form).</summary>
    public static DeclarationForm From(DeclarationContent content)
    {
        var form = new DeclarationForm
        {
            OrganizationName = content.OrganizationName,
            OrganizationNameKana = content.OrganizationNameKana,
            CorporateNumber = content.CorporateNumber,
            NoCorporateNumberReason = content.NoCorporateNumberReason,
            Industry = content.Industry,
            Employees = content.Employees.ToString(CultureInfo.InvariantCulture),
            Website = content.Website,
            PostalCode = FormInput.PostalCode(content.PostalCode),
            PrefectureCode = content.PrefectureCode,
            LocalGovernmentCode = content.LocalGovernmentCode,
            AddressStreet = content.Street,
            AddressBuilding = content.Building,
            RepresentativeName = content.RepresentativeName,
            RepresentativeTitle = content.RepresentativeTitle,
            FamilyName = content.ContactFamilyName,
            GivenName = content.ContactGivenName,
            FamilyNameKana = content.ContactFamilyNameKana,
            GivenNameKana = content.ContactGivenNameKana,
            Department = content.ContactDepartment,
            Email = content.ContactEmail,
            EmailConfirmation = content.ContactEmail,
            Phone = content.ContactPhone,
            Items = content.Commitments.Select(c => c.ItemCode).ToList(),
            Agreements = content.Agreements.ToList(),
            Language = content.Language == InquiryLanguage.En ? "en" : "ja",
        };
        foreach (var commitment in content.Commitments) form.ItemTexts[commitment.ItemCode] = commitment.Text;
        return form;
    }

    public void CheckFormOnlyRules(IDictionary<string, string> fieldErrors)
    {
        if (string.IsNullOrEmpty(EmailConfirmation))
            fieldErrors.TryAdd(nameof(EmailConfirmation), string.Format(CultureInfo.CurrentCulture, Texts.Required, Texts.FieldEmailConfirm));
        else if (!string.Equals(Email, EmailConfirmation, StringComparison.OrdinalIgnoreCase))
            fieldErrors.TryAdd(nameof(EmailConfirmation), Texts.EmailMismatch);
    }

    /// <summary>Which form field shows a validator failure (<c>Organization.Name</c>, <c>Commitments[0].Text</c>, an agreement by its code).</summary>
    public static string FieldFor(FluentValidation.Results.ValidationFailure failure, SubmitDeclaration.Command command)
    {
        var path = failure.PropertyName;
        if (path.StartsWith("Declaration.", StringComparison.Ordinal)) path = path["Declaration.".Length..];
        if (path.StartsWith("Commitments[", StringComparison.Ordinal))
        {
            var end = path.IndexOf(']', StringComparison.Ordinal);
            if (end > 12 && int.TryParse(path[12..end], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && command.Commitments is { } list && index < list.Count && list[index].ItemCode is { } code)
                return path.EndsWith(".Text", StringComparison.Ordinal) ? ItemTextField(code) : nameof(Items);
            return nameof(Items);
        }
        return path switch
        {
            "Organization" or "Organization.Name" => nameof(OrganizationName),
            "Organization.NameKana" => nameof(OrganizationNameKana),
            "Organization.CorporateNumber" => nameof(CorporateNumber),
            "Organization.NoCorporateNumberReason" => nameof(NoCorporateNumberReason),
            "Organization.Industry" => nameof(Industry),
            "Organization.Employees" => nameof(Employees),
            "Organization.Website" => nameof(Website),
            "Address" or "Address.PostalCode" => nameof(PostalCode),
            "Address.PrefectureCode" => nameof(PrefectureCode),
            "Address.LocalGovernmentCode" => nameof(LocalGovernmentCode),
            "Address.Street" => nameof(AddressStreet),
            "Address.Building" => nameof(AddressBuilding),
            "Representative" or "Representative.Name" => nameof(RepresentativeName),
            "Representative.Title" => nameof(RepresentativeTitle),
            "Contact" or "Contact.FamilyName" => nameof(FamilyName),
            "Contact.GivenName" => nameof(GivenName),
            "Contact.FamilyNameKana" => nameof(FamilyNameKana),
            "Contact.GivenNameKana" => nameof(GivenNameKana),
            "Contact.Department" => nameof(Department),
            "Contact.Email" => nameof(Email),
            "Contact.Phone" => nameof(Phone),
            "Commitments" => nameof(Items),
            "Agreements" when !string.IsNullOrEmpty(failure.ErrorCode) && !failure.ErrorCode.EndsWith("Validator", StringComparison.Ordinal) =>
                AgreementField(failure.ErrorCode),
            _ => nameof(Agreements),
        };
    }
}
