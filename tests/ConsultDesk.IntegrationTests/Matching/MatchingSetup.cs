using ConsultDesk.Domain.Matching;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Portal;

namespace ConsultDesk.IntegrationTests.Matching;

/// <summary>What the matching tests share: a municipality profile stored directly, and a claimed, triaged company case.</summary>
public static class MatchingSetup
{
    private static int nextCode = Random.Shared.Next(100_000, 800_000);

    public sealed record Municipality(string Code, string Name, string ContactEmail);

    public static async Task<Municipality> AddMunicipalityAsync(ConsultDeskAppFactory app, string name = "テスト市")
    {
        var code = Interlocked.Increment(ref nextCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var email = Infrastructure.Inquiries.UniqueEmail("municipality");
        await app.WithDbAsync(async db =>
        {
            var profile = MunicipalityProfile.Create(code, "17", "chubu", DateTime.UtcNow);
            profile.Update(new MunicipalityDetails(name, "てすとし", "企画政策課", email, "076-000-0000", null, ["G"], ["small", "medium"],
                WelcomesWorkation: true, WelcomesRelocation: false, IsPublished: true), [], [], DateTime.UtcNow);
            db.MunicipalityProfiles.Add(profile);
            return await db.SaveChangesAsync();
        });
        return new Municipality(code, name, email);
    }

    /// <summary>A company inquiry (with its portal token from the acknowledgement), claimed and triaged by a new consultant.</summary>
    public static async Task<(PortalVisit.Submitted Visit, HttpClient Consultant)> CompanyCaseAsync(ConsultDeskAppFactory app, string tag = "match")
    {
        var visit = await PortalVisit.SubmitAsync(app, tag: tag);
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant", "相談員 三郎");
        await PortalVisit.SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{visit.Reference}/claim");
        await PortalVisit.SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{visit.Reference}/transitions", new { to = "triaged" });
        return (visit, consultant);
    }
}
