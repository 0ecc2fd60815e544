using ConsultDesk.Domain;
using ConsultDesk.Features.Inquiries;

namespace ConsultDesk.Web.Pages.Inquiries;

/// <summary>What the public forms post. Flat and string-typed so any input round-trips back into the form on error.</summary>
public sealed class InquiryForm
{
    public string? LocalGovernmentCode { get; set; }
    public string? OrganizationName { get; set; }
    public string? OrganizationNameKana { get; set; }
    public string? Department { get; set; }
    public string? Industry { get; set; }
    public string? Employees { get; set; }
    public string? FamilyName { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyNameKana { get; set; }
    public string? GivenNameKana { get; set; }
    public string? Email { get; set; }
    /// <summary>メールアドレス（確認用）: the form asks twice; the API does not.</summary>
    public string? EmailConfirmation { get; set; }
    public string? Phone { get; set; }
    public string? Title { get; set; }
    public string? PrefectureCode { get; set; }
    public string? PostalCode { get; set; }
    public string? AddressMunicipality { get; set; }
    public string? AddressStreet { get; set; }
    public string? AddressBuilding { get; set; }
    public List<string> Topics { get; set; } = [];
    public string? PreferredChannel { get; set; }
    public string?[] Slots { get; set; } = new string?[3];
    public string? Language { get; set; }
    public string? Subject { get; set; }
    public string? Message { get; set; }
    public bool PrivacyConsent { get; set; }

    /// <summary>The fields in page order, for the error summary (the review page and the tests read the same list).</summary>
    public static readonly IReadOnlyList<string> FieldOrder =
    [
        nameof(LocalGovernmentCode), nameof(OrganizationName), nameof(OrganizationNameKana), nameof(Department), nameof(Industry),
        nameof(Employees), nameof(PostalCode), nameof(PrefectureCode), nameof(AddressMunicipality), nameof(AddressStreet),
        nameof(AddressBuilding), nameof(FamilyName), nameof(GivenName), nameof(FamilyNameKana), nameof(GivenNameKana), nameof(Title),
        nameof(Email), nameof(EmailConfirmation), nameof(Phone), nameof(Topics), nameof(PreferredChannel), "Slots[0]", "Slots[1]",
        "Slots[2]", nameof(Subject), nameof(Message), nameof(PrivacyConsent),
    ];

    /// <summary>
    /// What every door does before validating (<see cref="FormInput"/>, the same as <see cref="SubmitInquiry.Command.Normalized"/>),
    /// written back into the form so the review page and a shown-again form show what will be stored: １２０ as 120.
    /// </summary>
    public void Normalize()
    {
        LocalGovernmentCode = FormInput.Code(LocalGovernmentCode);
        OrganizationName = FormInput.Text(OrganizationName);
        OrganizationNameKana = FormInput.Text(OrganizationNameKana);
        Department = FormInput.Text(Department);
        Industry = FormInput.Code(Industry);
        Employees = FormInput.Number(Employees);
        FamilyName = FormInput.Text(FamilyName);
        GivenName = FormInput.Text(GivenName);
        // Readings as they will be stored (やまだ → ヤマダ), so the review page shows what the desk will see.
        FamilyNameKana = FormInput.Text(FamilyNameKana) is { } familyKana ? JapaneseText.ToFullWidthKatakana(familyKana) : null;
        GivenNameKana = FormInput.Text(GivenNameKana) is { } givenKana ? JapaneseText.ToFullWidthKatakana(givenKana) : null;
        Email = FormInput.Email(Email);
        EmailConfirmation = FormInput.Email(EmailConfirmation);
        Phone = FormInput.Phone(Phone);
        Title = FormInput.Text(Title);
        PrefectureCode = FormInput.Code(PrefectureCode);
        PostalCode = FormInput.PostalCode(PostalCode);
        AddressMunicipality = FormInput.Text(AddressMunicipality);
        AddressStreet = FormInput.Text(AddressStreet);
        AddressBuilding = FormInput.Text(AddressBuilding);
        Subject = FormInput.Text(Subject);
        Message = FormInput.Multiline(Message);
    }

    /// <summary>Rules only the web form has: the address typed twice must match, and a company gives its head office address.</summary>
    public void CheckFormOnlyRules(InquirerType party, IDictionary<string, string> fieldErrors)
    {
        if (string.IsNullOrEmpty(EmailConfirmation))
            fieldErrors.TryAdd(nameof(EmailConfirmation), string.Format(System.Globalization.CultureInfo.CurrentCulture, Resources.Texts.Required, Resources.Texts.FieldEmailConfirm));
        else if (!string.Equals(Email, EmailConfirmation, StringComparison.OrdinalIgnoreCase))
            fieldErrors.TryAdd(nameof(EmailConfirmation), Resources.Texts.EmailMismatch);
        if (party != InquirerType.Company) return;
        if (string.IsNullOrEmpty(PostalCode))
            fieldErrors.TryAdd(nameof(PostalCode), string.Format(System.Globalization.CultureInfo.CurrentCulture, Resources.Texts.Required, Resources.Texts.FieldPostalCode));
        if (string.IsNullOrEmpty(AddressMunicipality))
            fieldErrors.TryAdd(nameof(AddressMunicipality), string.Format(System.Globalization.CultureInfo.CurrentCulture, Resources.Texts.Required, Resources.Texts.FieldAddressMunicipality));
        if (string.IsNullOrEmpty(AddressStreet))
            fieldErrors.TryAdd(nameof(AddressStreet), string.Format(System.Globalization.CultureInfo.CurrentCulture, Resources.Texts.Required, Resources.Texts.FieldAddressStreet));
    }


    /// <summary>
    /// The same command the API takes, so one validator serves both. Values the form cannot express
    /// (an unparsable number or date) become a field error here, before the command exists.
    /// </summary>
    public SubmitInquiry.Command ToCommand(InquirerType party, LocalGovernmentLookup municipalities, IDictionary<string, string> fieldErrors)
    {
        int? employees = null;
        if (!string.IsNullOrWhiteSpace(Employees))
        {
            if (FormInput.TryParseNumber(Employees, out var parsed)) employees = parsed;
            else fieldErrors[nameof(Employees)] = Resources.Texts.Employees;
        }

        var slots = new List<SubmitInquiry.SlotInput>();
        for (var i = 0; i < Slots.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(Slots[i])) continue;
            if (DateTime.TryParse(Slots[i], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local))
            {
                var start = ConsultDesk.Domain.Calendar.JapanTime.FromLocal(local);
                slots.Add(new SubmitInquiry.SlotInput(start, start.AddHours(1)));
            }
            else fieldErrors[$"Slots[{i}]"] = Resources.Texts.SlotPast;
        }

        var isMunicipality = party == InquirerType.Municipality;
        var municipality = isMunicipality && LocalGovernmentCode is { Length: 6 } ? municipalities.Find(LocalGovernmentCode) : null;
        return new SubmitInquiry.Command
        {
            InquirerType = party,
            Organization = party == InquirerType.Worker ? null : new SubmitInquiry.OrganizationInput
            {
                // A municipality is named by its code; the name comes from the master table.
                Name = isMunicipality ? municipality?.Name ?? OrganizationName : OrganizationName,
                NameKana = isMunicipality ? municipality?.NameKana : OrganizationNameKana,
                Department = Department,
                LocalGovernmentCode = isMunicipality ? LocalGovernmentCode : null,
                Industry = party == InquirerType.Company ? Industry : null,
                Employees = party == InquirerType.Company ? employees : null,
            },
            Contact = new SubmitInquiry.ContactInput
            {
                FamilyName = FamilyName,
                GivenName = GivenName,
                FamilyNameKana = FamilyNameKana,
                GivenNameKana = GivenNameKana,
                Email = Email,
                Phone = Phone,
                Title = party == InquirerType.Worker ? null : Title,
            },
            PrefectureCode = isMunicipality && LocalGovernmentCode is { Length: 6 } ? LocalGovernmentCode[..2] : PrefectureCode,
            Address = new SubmitInquiry.AddressInput
            {
                PostalCode = PostalCode,
                // A municipality's own office is in the 団体 it picked.
                Municipality = isMunicipality ? municipality?.Name : AddressMunicipality,
                Street = AddressStreet,
                Building = AddressBuilding,
            },
            Topics = Topics,
            PreferredChannel = Wire.TryParse<ContactChannel>(PreferredChannel, out var channel) ? channel : null,
            PreferredSlots = slots,
            Language = Language == "en" ? InquiryLanguage.En : InquiryLanguage.Ja,
            Subject = Subject,
            Message = Message,
            PrivacyConsent = PrivacyConsent,
            Source = IntakeSource.WebForm,
        }.Normalized();
    }

    /// <summary>Which form field shows a validator error about a command path (e.g. <c>Contact.Email</c>).</summary>
    public static string FieldFor(string propertyPath) => propertyPath switch
    {
        "Organization" or "Organization.Name" => nameof(OrganizationName),
        "Organization.NameKana" => nameof(OrganizationNameKana),
        "Organization.Department" => nameof(Department),
        "Organization.LocalGovernmentCode" => nameof(LocalGovernmentCode),
        "Organization.Industry" => nameof(Industry),
        "Organization.Employees" => nameof(Employees),
        "Contact" or "Contact.FamilyName" => nameof(FamilyName),
        "Contact.GivenName" => nameof(GivenName),
        "Contact.FamilyNameKana" => nameof(FamilyNameKana),
        "Contact.GivenNameKana" => nameof(GivenNameKana),
        "Contact.Email" => nameof(Email),
        "Contact.Phone" => nameof(Phone),
        "Contact.Title" => nameof(Title),
        "PrefectureCode" => nameof(PrefectureCode),
        "Address.PostalCode" => nameof(PostalCode),
        "Address.Municipality" => nameof(AddressMunicipality),
        "Address.Street" => nameof(AddressStreet),
        "Address.Building" => nameof(AddressBuilding),
        "PreferredChannel" => nameof(PreferredChannel),
        "Subject" => nameof(Subject),
        "Message" => nameof(Message),
        "PrivacyConsent" => nameof(PrivacyConsent),
        "InquirerType" => nameof(Subject),
        _ when propertyPath.StartsWith("Topics", StringComparison.Ordinal) => nameof(Topics),
        _ when propertyPath.StartsWith("PreferredSlots[", StringComparison.Ordinal) => $"Slots[{propertyPath[15]}]",
        _ when propertyPath.StartsWith("PreferredSlots", StringComparison.Ordinal) => "Slots[0]",
        _ => nameof(Subject),
    };
}
