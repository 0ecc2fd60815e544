using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Mail;
using ConsultDesk.UnitTests.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ConsultDesk.UnitTests.Portal;

/// <summary>A portal link works for the configured lifetime from when it was minted, and not after a fresh link replaced it.</summary>
public sealed class PortalLinkLifetimeTests : IDisposable
{
    private readonly UnitTestDatabase database = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
    private readonly ConsultDeskOptions options = new() { PublicBaseUrl = "https://desk.example.jp", Portal = { TokenLifetime = TimeSpan.FromDays(30) } };
    private readonly OutboxSecrets secrets = new(new EphemeralDataProtectionProvider());

    private PortalLinks Links(Data.ConsultDeskDbContext db) => new(db, secrets, Options.Create(options));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<(Case Case, string Token)> OpenCaseWithLinkAsync()
    {
        await using var db = database.NewContext();
        var @case = Case.Submit("CD-2026-000001", new Inquiry
        {
            InquirerType = InquirerType.Worker, FamilyName = "髙橋", GivenName = "一郎", FamilyNameKana = "タカハシ", GivenNameKana = "イチロウ",
            Email = "ichiro@example.jp", PrefectureCode = "13", Topics = [Topic.SatelliteOffice], PreferredChannel = ContactChannel.Email,
            Subject = "件名", Message = "本文", PrivacyConsentAt = Now,
        }, IntakeSource.Api, Now, new ServiceLevel(BusinessCalendar.LoadEmbedded(), 2, 20, TimeSpan.FromHours(4)));
        db.Cases.Add(@case);
        var link = Links(db).Mint(@case, Now);
        await db.SaveChangesAsync();
        return (@case, link.Token);
    }

    private async Task<bool> OpensAsync(string token, bool forOptOut = false)
    {
        await using var db = database.NewContext();
        return await Links(db).FindCaseAsync(token, Now, CancellationToken.None, forOptOut: forOptOut) is not null;
    }

    [Fact]
    public async Task A_link_past_its_lifetime_is_refused_while_its_case_is_still_open()
    {
        var (_, token) = await OpenCaseWithLinkAsync();

        clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.True(await OpensAsync(token));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(await OpensAsync(token));
        // Its unsubscribe link still stops mail: it opens nothing else.
        Assert.True(await OpensAsync(token, forOptOut: true));
    }

    [Fact]
    public async Task Revoking_a_cases_links_stops_every_earlier_one_but_not_the_link_minted_with_it()
    {
        var (@case, old) = await OpenCaseWithLinkAsync();
        clock.Advance(TimeSpan.FromHours(1));

        string fresh;
        await using (var db = database.NewContext())
        {
            var links = Links(db);
            fresh = links.Mint(@case, Now).Token;
            Assert.Equal(1, await links.RevokeAllAsync(@case.Id, Now, CancellationToken.None));
            await db.SaveChangesAsync();
        }

        Assert.False(await OpensAsync(old));
        Assert.True(await OpensAsync(fresh));
    }

    public void Dispose() => database.Dispose();
}
