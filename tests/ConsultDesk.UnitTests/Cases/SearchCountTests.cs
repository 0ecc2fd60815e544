using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Features.Cases;
using ConsultDesk.UnitTests.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace ConsultDesk.UnitTests.Cases;

/// <summary>
/// The count of a search the full-text index answers, when the index stops at <see cref="CaseSearchQuery.MaxMatches"/>
/// and the other filters keep fewer than the count cap of those: a lower bound, never an exact-looking number.
/// Needs more matches than the cap, so it runs on a private database rather than the integration tests' shared one.
/// </summary>
public sealed class SearchCountTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 12, 4, 1, 0, 0, DateTimeKind.Utc);
    private const string Word = "量子暗号";
    private readonly UnitTestDatabase database = new();

    public void Dispose() => database.Dispose();

    /// <summary>Closed cases holding <see cref="Word"/>: <paramref name="workers"/> from workers among companies, the oldest a worker.</summary>
    private void Seed(int cases, int workers)
    {
        using var db = database.NewContext();
        for (var i = 1; i <= cases; i++)
        {
            var worker = i <= workers;
            var @case = Case.Submit($"CD-2026-{i:D6}", new Inquiry
            {
                InquirerType = worker ? InquirerType.Worker : InquirerType.Company,
                OrganizationName = worker ? null : "株式会社テスト", FamilyName = "山田", GivenName = "花子",
                FamilyNameKana = "ヤマダ", GivenNameKana = "ハナコ", Email = $"u{i}@example.jp", PrefectureCode = "13",
                Topics = [Topic.Relocation], PreferredChannel = ContactChannel.Email, Subject = $"{Word}の相談", Message = "相談です",
                PrivacyConsentAt = Now,
            }, IntakeSource.Api, Now.AddMinutes(i));
            db.Cases.Add(@case);
            db.CaseSearch.Add(CaseSearchDocument.For(@case));
        }
        db.SaveChanges();
        db.Database.ExecuteSqlRaw("""UPDATE "Cases" SET "Status" = 'closed', "DueAt" = {0}""", Case.NoDeadline);
    }

    private async Task<ListCases.Response> SearchAsync(InquirerType type)
    {
        await using var db = database.NewContext();
        var user = Substitute.For<ICurrentUser>();
        user.Id.Returns(Guid.NewGuid());
        user.IsInRole(Arg.Any<string>()).Returns(true);
        var handler = new ListCases.Handler(db, user, new ServiceLevel(BusinessCalendar.LoadEmbedded(), 2, 20, TimeSpan.FromHours(4)),
            new FakeTimeProvider(Now.AddDays(1)));
        // Two statuses in submission order: no one index range holds both in that order, so no walk; the full-text index answers.
        return await handler.Handle(new ListCases.Query { Statuses = [CaseStatus.Resolved, CaseStatus.Closed], InquirerType = type, Q = Word, Sort = "submitted" },
            CancellationToken.None);
    }

    [Fact]
    public async Task A_filter_on_the_index_cut_short_gives_a_lower_bound()
    {
        // One match more than the index gives: the oldest (a worker) is left out, so "workers" is more than it counts.
        Seed(CaseSearchQuery.MaxMatches + 1, workers: 300);

        var workers = await SearchAsync(InquirerType.Worker);

        Assert.Equal(299, workers.Total);
        Assert.True(workers.TotalCapped);
    }

    [Fact]
    public async Task A_filter_on_every_match_counts_exactly()
    {
        Seed(CaseSearchQuery.MaxMatches - 1, workers: 300);

        var workers = await SearchAsync(InquirerType.Worker);

        Assert.Equal(300, workers.Total);
        Assert.False(workers.TotalCapped);
        Assert.Equal(new ListCases.Query().Limit, workers.Items.Count);
    }
}
