using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Matching;

/// <summary>How the matching slices open a company case and its proposals, and how they answer about them.</summary>
public static class MatchAccess
{
    /// <summary>The fields a company can agree to share, in the order mails and pages list them.</summary>
    public static IReadOnlyList<string> ShareableFields => MatchProposal.DefaultSharedFields;

    /// <summary>A body the client may leave out entirely (no content at all); when it sends one, it is read strictly.</summary>
    public static async Task<T> ReadOptionalAsync<T>(HttpContext http, T fallback, CancellationToken cancellationToken) where T : class =>
        http.Request.ContentLength == 0 || (http.Request.ContentLength is null && string.IsNullOrEmpty(http.Request.ContentType))
            ? fallback
            : await JsonRequest.ReadAsync<T>(http, 4096, cancellationToken);

    public static void EnsureCompany(Case @case)
    {
        if (@case.InquirerType != InquirerType.Company) throw new ConflictException(Texts.MatchCompanyCaseOnly);
    }

    public static async Task<MatchProposal> LoadProposalAsync(ConsultDeskDbContext db, Case @case, Guid proposalId, CancellationToken cancellationToken) =>
        await db.MatchProposals.SingleOrDefaultAsync(p => p.Id == proposalId && p.CaseId == @case.Id, cancellationToken)
        ?? throw new NotFoundException("Match proposal");

    /// <summary>Runs a step of the proposal; a broken rule (above all the consent gate) is a 409 that says which.</summary>
    public static void Step(MatchProposal proposal, Action<MatchProposal> step)
    {
        try
        {
            step(proposal);
        }
        catch (ProposalRuleException ex)
        {
            var message = ex.Code == "consent-required"
                ? Texts.MatchConsentRequired
                : string.Format(Texts.MatchIllegalStep, Wire.Name(ex.From), Wire.Name(ex.To));
            throw new ConflictException(message, new Dictionary<string, object?>
            {
                ["code"] = ex.Code,
                ["status"] = Wire.Name(proposal.Status),
                ["allowedTransitions"] = MatchProposal.Next(proposal.Status).Select(Wire.Name).ToArray(),
            });
        }
    }

    public sealed record ProposalModel(
        Guid Id, string MunicipalityCode, string? MunicipalityName, ProposalStatus Status, string? Note, IReadOnlyList<string> SharedFields,
        DateTime CreatedAt, DateTime? ConsentRequestedAt, DateTime? ConsentAnsweredAt, DateTime? IntroducedAt, DateTime UpdatedAt, int Version)
    {
        public IReadOnlyList<ProposalStatus> AllowedTransitions => MatchProposal.Next(Status);
    }

    public static async Task<List<ProposalModel>> ListAsync(ConsultDeskDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        var rows = await (from p in db.MatchProposals.AsNoTracking()
                          where p.CaseId == caseId
                          orderby p.CreatedAt, p.Id
                          select new { Proposal = p, Name = db.MunicipalityProfiles.Where(m => m.Code == p.MunicipalityCode).Select(m => m.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => Model(r.Proposal, r.Name)).ToList();
    }

    public static ProposalModel Model(MatchProposal p, string? municipalityName) =>
        new(p.Id, p.MunicipalityCode, municipalityName, p.Status, p.Note, p.SharedFields, p.CreatedAt, p.ConsentRequestedAt,
            p.ConsentAnsweredAt, p.IntroducedAt, p.UpdatedAt, p.Version);

    /// <summary>A field name in the reader's words (the consent mail and the portal list exactly these).</summary>
    public static string FieldName(string field, bool english) => (field, english) switch
    {
        ("organization", false) => "企業名",
        ("organization", true) => "Company name",
        ("contact-name", false) => "担当者氏名",
        ("contact-name", true) => "Contact person",
        ("email", false) => "メールアドレス",
        ("email", true) => "Email address",
        ("phone", false) => "電話番号",
        ("phone", true) => "Phone number",
        ("needs", false) => "ご希望の条件（地域・席数・予算など）",
        ("needs", true) => "Your requirements (area, seats, budget, ...)",
        _ => field,
    };
}
