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
    public string? Phone { get; set; }
    public string? Title { get; set; }
    public string? PrefectureCode { get; set; }
    public List<string> Topics { get; set; } = [];
    public string? PreferredChannel { get; set; }
    public string?[] Slots { get; set; } = new string?[3];
    public string? Language { get; set; }
    public string? Subject { get; set; }
    public string? Message { get; set; }
    public bool PrivacyConsent { get; set; }


    /// <summary>
    /// The same command the API takes, so one validator serves both. Values the form cannot express
    /// (an unparsable number or date) become a field error here, before the command exists.
    /// </summary>
    public SubmitInquiry.Command ToCommand(InquirerType party, LocalGovernmentLookup municipalities, IDictionary<string, string> fieldErrors)
    {
        int? employees = null;
        if (!string.IsNullOrWhiteSpace(Employees))
        {
            if (int.TryParse(Employees.Normalize(System.Text.NormalizationForm.FormKC).Replace(",", "", StringComparison.Ordinal), out var parsed)) employees = parsed;
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
            Topics = Topics,
            PreferredChannel = Wire.TryParse<ContactChannel>(PreferredChannel, out var channel) ? channel : null,
            PreferredSlots = slots,
            Language = Language == "en" ? InquiryLanguage.En : InquiryLanguage.Ja,
            Subject = Subject,
            Message = Message,
            PrivacyConsent = PrivacyConsent,
            Source = IntakeSource.WebForm,
        };
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
