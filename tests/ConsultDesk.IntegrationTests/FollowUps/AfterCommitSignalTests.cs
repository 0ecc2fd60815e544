using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.Domain;
using ConsultDesk.Domain.FollowUps;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.FollowUps;

/// <summary>
/// The app with its sweeps all but switched off (once a year) and the startup's lease follow-up far away: whatever
/// is delivered here was delivered because the commit signalled it.
/// </summary>
public sealed class NoSweepApp() : ConsultDeskAppFactory("Sqlite")
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["ConsultDesk:Mail:Outbox:SweepCron"] = "0 0 1 1 *",
        ["ConsultDesk:FollowUps:SweepCron"] = "0 0 1 1 *",
        ["ConsultDesk:Mail:Outbox:LeaseDuration"] = "01:00:00",
        ["ConsultDesk:Jobs:SchedulePollingInterval"] = "00:00:01",
    };
}

[CollectionDefinition(Name)]
public sealed class NoSweepCollection : ICollectionFixture<NoSweepApp>
{
    public const string Name = "app without sweeps";
}

[Collection(NoSweepCollection.Name)]
public sealed class AfterCommitSignalTests(NoSweepApp app)
{
    [Fact]
    public async Task Rows_that_code_only_adds_and_saves_are_delivered_at_once_without_a_sweep()
    {
        // A case to hang the follow-up on, through the intake API; its acknowledgement too arrives without a sweep.
        var inquirer = Infrastructure.Inquiries.UniqueEmail("signal");
        using var client = app.CreateClient();
        var submitted = await client.PostAsJsonAsync("/api/v1/inquiries", Infrastructure.Inquiries.Worker(inquirer));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var reference = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        Assert.Single(await SmtpSink.WaitForAsync([inquirer], TimeSpan.FromSeconds(15)));

        // Only the two rows, added and saved in the app's own DI scope: no handler, no signal call.
        var recipient = Infrastructure.Inquiries.UniqueEmail("bare");
        var followUpId = await app.WithDbAsync(async db =>
        {
            var caseId = await db.Cases.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync();
            var now = DateTime.UtcNow;
            db.Outbox.Add(OutboxMail.Create(null, "test", new RenderedMail("信号のテスト", "本文①②③"), recipient, null, "desk.example.jp", now));
            var followUp = FollowUp.Plan(caseId, FollowUpRule.ConsultationFollowUp, Guid.NewGuid().ToString("N"), now.AddSeconds(2), now);
            db.FollowUps.Add(followUp);
            await db.SaveChangesAsync();
            return followUp.Id;
        });
        var saved = Stopwatch.StartNew();

        var mail = Assert.Single(await SmtpSink.WaitForAsync([recipient], TimeSpan.FromSeconds(15)));
        Assert.Equal("信号のテスト", mail.Subject);
        Assert.True(saved.Elapsed < TimeSpan.FromSeconds(15));

        // Due two seconds after the save: the run scheduled for it completes it (no consultation, so no mail).
        FollowUpState state;
        do
        {
            await Task.Delay(250);
            state = await app.WithDbAsync(db => db.FollowUps.Where(f => f.Id == followUpId).Select(f => f.State).SingleAsync());
        } while (state == FollowUpState.Scheduled && saved.Elapsed < TimeSpan.FromSeconds(20));
        Assert.Equal(FollowUpState.Sent, state);
    }
}
