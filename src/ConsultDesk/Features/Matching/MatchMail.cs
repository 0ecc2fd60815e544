using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Matching;

/// <summary>
/// The mails of a proposal: the consent request and the introduction to the company (threaded to its case mails),
/// and the introduction to the municipality's contact (internal language Japanese, carrying only the agreed fields).
/// </summary>
public sealed class MatchMail(ConsultDeskDbContext db, CaseMail caseMail, PortalLinks links, MailTemplates templates, IOptions<ConsultDeskOptions> options)
{
    public const string ConsentRequestKind = "match-consent-request";
    public const string IntroductionCompanyKind = "match-introduction-company";
    public const string IntroductionMunicipalityKind = "match-introduction-municipality";

    public Task<OutboxMail> ConsentRequestAsync(Case @case, MatchProposal proposal, MunicipalityProfile municipality, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var english = InquirerMail.IsEnglish(@case);
        var link = links.Mint(@case, nowUtc);
        var model = caseMail.InquirerModel(@case);
        model["municipality_name"] = municipality.Name;
        model["shared_fields"] = string.Join(english ? ", " : "、", proposal.SharedFields.Select(f => MatchAccess.FieldName(f, english)));
        model["portal_url"] = link.Url;
        return caseMail.ToInquirerAsync(@case, ConsentRequestKind, model, nowUtc, cancellationToken, link: link);
    }

    public Task<OutboxMail> IntroductionToCompanyAsync(Case @case, MunicipalityProfile municipality, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var model = caseMail.InquirerModel(@case);
        model["municipality_name"] = municipality.Name;
        model["contact_department"] = municipality.ContactDepartment;
        model["contact_email"] = municipality.ContactEmail;
        return caseMail.ToInquirerAsync(@case, IntroductionCompanyKind, model, nowUtc, cancellationToken);
    }

    /// <summary>To the municipality's contact, not threaded to the company's mails; fields the company did not agree to share stay empty.</summary>
    public async Task<OutboxMail> IntroductionToMunicipalityAsync(Case @case, MatchProposal proposal, MunicipalityProfile municipality, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var shared = proposal.SharedFields.ToHashSet(StringComparer.Ordinal);
        string Agreed(string field, string? value) => shared.Contains(field) ? value ?? "" : "";
        var needs = shared.Contains("needs") ? await db.CompanyNeeds.AsNoTracking().SingleOrDefaultAsync(n => n.CaseId == @case.Id, cancellationToken) : null;
        var rendered = templates.Render(IntroductionMunicipalityKind, InquiryLanguage.Ja, new Dictionary<string, object?>
        {
            ["reference"] = @case.Reference,
            ["municipality_name"] = municipality.Name,
            ["contact_department"] = municipality.ContactDepartment,
            ["organization_name"] = Agreed("organization", @case.OrganizationName),
            ["contact_name"] = Agreed("contact-name", $"{@case.FamilyName} {@case.GivenName}"),
            ["email"] = Agreed("email", @case.Email),
            ["phone"] = Agreed("phone", @case.Phone),
            ["needs"] = needs is null ? "" : NeedsSummary(needs),
            ["public_base_url"] = options.Value.PublicBaseUrl,
        });
        return OutboxMail.Create(@case.Id, IntroductionMunicipalityKind, rendered, municipality.ContactEmail, municipality.ContactDepartment,
            InquirerMail.MessageIdDomain(options.Value.Mail), nowUtc);
    }

    /// <summary>The company's needs in a few Japanese lines, for the municipality.</summary>
    public static string NeedsSummary(CompanyNeeds needs)
    {
        var lines = new List<string>();
        var places = needs.PreferredPrefectureCodes.Select(c => Prefecture.Find(c)?.Name ?? c).Concat(needs.PreferredRegions).ToList();
        if (places.Count > 0) lines.Add($"希望地域：{string.Join("、", places)}");
        if (needs.SeatsNeeded is { } seats) lines.Add($"必要席数：{seats} 席");
        if (needs.BudgetPerSeatYen is { } budget) lines.Add($"1 席あたり予算：月 {budget.ToString("N0", CultureInfo.InvariantCulture)} 円");
        if (needs.RequiredBandwidthMbps is { } bandwidth) lines.Add($"必要な回線速度：{bandwidth} Mbps");
        if (Industry.IsKnown(needs.Industry)) lines.Add($"業種：{Industry.Name(needs.Industry!, english: false)}");
        if (!string.IsNullOrWhiteSpace(needs.Timing)) lines.Add($"開始時期：{needs.Timing}");
        return string.Join("\n", lines);
    }
}
