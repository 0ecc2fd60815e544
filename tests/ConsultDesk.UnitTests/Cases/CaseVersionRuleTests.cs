using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.UnitTests.Mail;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.UnitTests.Cases;

/// <summary>The version rule written on <see cref="Case"/>, against a real (in-memory SQLite) database.</summary>
public sealed class CaseVersionRuleTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 12, 4, 1, 0, 0, DateTimeKind.Utc);
    private readonly UnitTestDatabase database = new();
    private readonly Guid consultant = Guid.NewGuid();
    private readonly Guid caseId;

    public CaseVersionRuleTests()
    {
        using var db = database.NewContext();
        var @case = Case.Submit("CD-2026-000001", new Inquiry
        {
            InquirerType = InquirerType.Company, OrganizationName = "株式会社テスト", FamilyName = "山田", GivenName = "花子",
            FamilyNameKana = "ヤマダ", GivenNameKana = "ハナコ", Email = "hanako@example.jp", PrefectureCode = "13", Topics = [Topic.Relocation],
            PreferredChannel = ContactChannel.Email, Subject = "移住", Message = "相談です", PrivacyConsentAt = Now,
        }, IntakeSource.Api, Now);
        db.Cases.Add(@case);
        db.SaveChanges();
        caseId = @case.Id;
    }

    public void Dispose() => database.Dispose();

    private async Task<(int Version, List<string> Timeline)> ReadAsync()
    {
        await using var db = database.NewContext();
        var version = await db.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync();
        var timeline = await db.Timeline.Where(t => t.CaseId == caseId).OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => t.Type).ToListAsync();
        return (version, timeline);
    }

    [Theory]
    [InlineData("note", true)]
    [InlineData("message", true)]
    [InlineData("transition", true)]
    [InlineData("consultation", true)]
    [InlineData("task", true)]
    [InlineData("match-proposed", false)]
    [InlineData("match-consented", false)]
    [InlineData("match-needs-updated", false)]
    [InlineData("follow-up-sent", false)]
    [InlineData("follow-up-cancelled", false)]
    [InlineData("mail-sent", false)]
    [InlineData("mail-retried", false)]
    [InlineData("opted-out", false)]
    [InlineData("survey-answered", false)]
    [InlineData("internal-mail", false)]
    public void An_entry_changes_the_case_exactly_when_its_type_is_a_change_of_the_case(string type, bool changesCase) =>
        Assert.Equal(changesCase, TimelineEntry.Create(caseId, type, Now, new { }).ChangesCase);

    [Fact]
    public async Task A_note_changes_the_version_with_its_entry()
    {
        var (before, _) = await ReadAsync();
        await using (var db = database.NewContext())
        {
            var @case = await db.Cases.SingleAsync(c => c.Id == caseId);
            @case.AddNote("メモ", consultant, Now.AddMinutes(1));
            await db.SaveChangesAsync();
        }

        var (after, timeline) = await ReadAsync();
        Assert.Equal(before + 1, after);
        Assert.Equal(["submitted", "note"], timeline);
    }

    [Fact]
    public async Task A_match_step_and_a_follow_up_entry_are_recorded_without_changing_the_version()
    {
        var (before, _) = await ReadAsync();
        await using (var db = database.NewContext())
        {
            // Loaded for the write, as the matching handlers do: recording beside it must not touch it.
            var @case = await db.Cases.SingleAsync(c => c.Id == caseId);
            CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, "match-proposed", Now.AddMinutes(1), new { municipalityCode = "172014" }, consultant));
            CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, "follow-up-sent", Now.AddMinutes(2), new { rule = "waiting-reminder-1" }));
            await db.SaveChangesAsync();
        }

        var (after, timeline) = await ReadAsync();
        Assert.Equal(before, after);
        Assert.Equal(["submitted", "match-proposed", "follow-up-sent"], timeline);
    }

    [Fact]
    public async Task A_change_of_the_case_cannot_be_written_past_it()
    {
        var (before, _) = await ReadAsync();
        await using var db = database.NewContext();
        var note = TimelineEntry.Create(caseId, "note", Now.AddMinutes(1), new { body = "裏口からのメモ" }, consultant);

        var refused = Assert.Throws<InvalidOperationException>(() => CaseTimeline.Record(db, note));
        db.Timeline.Add(note);
        var unsaved = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("'note'", refused.Message);
        Assert.Contains("'note'", unsaved.Message);
        var (after, timeline) = await ReadAsync();
        Assert.Equal(before, after);
        Assert.Equal(["submitted"], timeline);
    }
}
