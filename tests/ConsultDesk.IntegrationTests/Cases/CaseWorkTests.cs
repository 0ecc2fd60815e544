using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Cases;

public abstract class CaseWorkTests(ConsultDeskAppFactory app)
{
    private async Task<(string Reference, string Email)> SubmitAsync()
    {
        using var client = app.CreateClient();
        var email = Infrastructure.Inquiries.UniqueEmail("case");
        var response = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Company(email));
        response.EnsureSuccessStatusCode();
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!, email);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (ifMatch is not null) request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Anonymous_readers_get_401_for_a_case()
    {
        var (reference, _) = await SubmitAsync();
        using var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/cases/{reference}")).StatusCode);
    }

    [Fact]
    public async Task Claimed_case_shows_its_etag_due_time_and_moves_guarded_by_the_lifecycle_and_if_match()
    {
        var (reference, _) = await SubmitAsync();
        var (consultant, consultantId) = await Staff.NewUserAsync(app, "consultant");

        var claim = await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{reference}/claim");
        var detail = await consultant.GetAsync($"/api/v1/cases/{reference}");
        var json = await detail.Content.ReadFromJsonAsync<JsonElement>();
        var etag = detail.Headers.ETag!.Tag;

        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        Assert.Equal("new", json.GetProperty("status").GetString());
        Assert.Equal(consultantId, json.GetProperty("assignee").GetProperty("id").GetGuid());
        Assert.True(json.GetProperty("firstResponseDueAt").GetDateTime() > json.GetProperty("submittedAt").GetDateTime());
        Assert.Contains("triaged", json.GetProperty("allowedTransitions").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["submitted", "claimed"], json.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("type").GetString()).Where(t => t != "mail-sent"));

        var illegal = await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{reference}/transitions", new { to = "resolved" }, etag);
        Assert.Equal(HttpStatusCode.Conflict, illegal.StatusCode);
        Assert.Equal("application/problem+json", illegal.Content.Headers.ContentType?.MediaType);
        var problem = await illegal.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["triaged", "waiting-on-inquirer", "closed"], problem.GetProperty("allowedTransitions").EnumerateArray().Select(t => t.GetString()));

        var moved = await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{reference}/transitions", new { to = "triaged" }, etag);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.NotEqual(etag, moved.Headers.ETag!.Tag);

        var stale = await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{reference}/notes", new { body = "古い版からのメモ" }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);

        var closeWithoutReason = await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{reference}/transitions", new { to = "closed" });
        Assert.Equal(HttpStatusCode.BadRequest, closeWithoutReason.StatusCode);
    }

    [Fact]
    public async Task The_consultants_path_ends_in_a_reply_threaded_to_the_acknowledgement_and_a_full_timeline()
    {
        var (reference, email) = await SubmitAsync();
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant", "相談員 次郎");
        await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{reference}/claim");

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{reference}/transitions", new { to = "triaged", comment = "規程の相談と判断" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{reference}/notes", new { body = "就業規則の雛形を準備する" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{reference}/transitions", new { to = "in-consultation" })).StatusCode);
        var consultation = await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{reference}/consultations", new
        {
            channel = "online-meeting", startsAt = DateTimeOffset.UtcNow.AddHours(-2), durationMinutes = 60,
            attendees = "髙橋様、相談員 次郎", summary = "テレワーク規程の論点を整理した", nextSteps = "雛形を送付する",
        });
        Assert.Equal(HttpStatusCode.OK, consultation.StatusCode);
        var reply = await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{reference}/messages", new { subject = "規程の雛形について", body = "雛形をお送りします。\n㈱サンプル様向けに調整済みです。" });
        Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);

        var mails = await WaitForMailsAsync(email, count: 2);
        var acknowledgement = Assert.Single(mails, m => m.Headers["Auto-Submitted"] is not null && m.InReplyTo is null);
        var answer = Assert.Single(mails, m => m.InReplyTo is not null);
        Assert.Equal(acknowledgement.MessageId, answer.InReplyTo);
        Assert.Contains(acknowledgement.MessageId, answer.References);
        Assert.Contains(reference, answer.Subject, StringComparison.Ordinal);
        Assert.Contains("規程の雛形について", answer.Subject, StringComparison.Ordinal);
        Assert.Contains("㈱サンプル様向けに調整済みです。", answer.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("相談員 次郎", answer.TextBody ?? "", StringComparison.Ordinal);

        var detail = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}");
        var timeline = detail.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["submitted", "claimed", "transition", "note", "transition", "consultation", "message"],
            timeline.Select(t => t.GetProperty("type").GetString()).Where(t => t != "mail-sent"));
        Assert.Contains(timeline, t => t.GetProperty("type").GetString() == "note" && t.GetProperty("body").GetString() == "就業規則の雛形を準備する");
        Assert.Contains(timeline, t => t.GetProperty("type").GetString() == "transition" && t.GetProperty("comment").GetString() == "規程の相談と判断");
        Assert.Contains(timeline, t => t.GetProperty("type").GetString() == "consultation" && t.GetProperty("summary").GetString() == "テレワーク規程の論点を整理した");
        Assert.Contains(timeline, t => t.GetProperty("type").GetString() == "message" && t.GetProperty("subject").GetString() == "規程の雛形について");
        Assert.All(timeline.Where(t => t.GetProperty("type").GetString() != "submitted" && t.GetProperty("type").GetString() != "mail-sent"),
            t => Assert.Equal("相談員 次郎", t.GetProperty("actor").GetProperty("displayName").GetString()));
        Assert.Equal("in-consultation", detail.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, detail.GetProperty("firstRespondedAt").ValueKind);
    }

    [Fact]
    public async Task A_future_consultation_sends_an_ics_invitation()
    {
        var (reference, email) = await SubmitAsync();
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{reference}/claim");

        var response = await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{reference}/consultations", new
        {
            channel = "phone", startsAt = "2099-04-01T10:00:00+09:00", durationMinutes = 30, attendees = "", summary = "", nextSteps = "",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mails = await WaitForMailsAsync(email, count: 2);
        var invitation = Assert.Single(mails, m => m.Subject?.Contains("個別相談のご案内", StringComparison.Ordinal) == true);
        var calendar = Assert.Single(invitation.BodyParts.OfType<MimeKit.TextPart>(), p => p.ContentType.MimeType == "text/calendar");
        Assert.Equal("REQUEST", calendar.ContentType.Parameters["method"]);
        Assert.Contains("DTSTART:20990401T010000Z", calendar.Text, StringComparison.Ordinal);
        Assert.Contains("2099年4月1日 10:00", invitation.TextBody ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consultants_work_only_their_own_cases_and_managers_reassign()
    {
        var (reference, _) = await SubmitAsync();
        var (owner, ownerId) = await Staff.NewUserAsync(app, "consultant");
        var (other, otherId) = await Staff.NewUserAsync(app, "consultant");
        var (manager, _) = await Staff.NewUserAsync(app, "manager");
        await SendAsync(owner, HttpMethod.Post, $"/api/v1/cases/{reference}/claim");

        var claimTaken = await SendAsync(other, HttpMethod.Post, $"/api/v1/cases/{reference}/claim");
        var moveOthers = await SendAsync(other, HttpMethod.Post, $"/api/v1/cases/{reference}/transitions", new { to = "triaged" });
        var takeOver = await SendAsync(other, HttpMethod.Put, $"/api/v1/cases/{reference}/assignee", new { userId = otherId });
        var reassign = await SendAsync(manager, HttpMethod.Put, $"/api/v1/cases/{reference}/assignee", new { userId = otherId });
        var othersView = await other.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}");
        var ownersView = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}");
        var release = await SendAsync(other, HttpMethod.Delete, $"/api/v1/cases/{reference}/assignee");

        Assert.Equal(HttpStatusCode.Conflict, claimTaken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, moveOthers.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, takeOver.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reassign.StatusCode);
        Assert.NotEmpty(othersView.GetProperty("allowedTransitions").EnumerateArray());
        Assert.Empty(ownersView.GetProperty("allowedTransitions").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.NotEqual(ownerId, otherId);
    }

    private static async Task<IReadOnlyList<MimeKit.MimeMessage>> WaitForMailsAsync(string email, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var mails = SmtpSink.MessagesTo([email]);
            if (mails.Count >= count || DateTime.UtcNow > deadline) return mails;
            await Task.Delay(250);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCaseWorkTests(SqliteApp app) : CaseWorkTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCaseWorkTests(PostgresApp app) : CaseWorkTests(app);
