using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ConsultDesk.Domain;
using ConsultDesk.Domain.FollowUps;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static ConsultDesk.IntegrationTests.Portal.PortalVisit;

namespace ConsultDesk.IntegrationTests.Portal;

public abstract class PortalTests(ConsultDeskAppFactory app)
{
    [Fact]
    public async Task The_acknowledgement_link_opens_its_own_case_and_shows_nothing_internal()
    {
        var mine = await SubmitAsync(app);
        var other = await SubmitAsync(app);
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant", "相談員 四郎");
        await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{mine.Reference}/claim");
        await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{mine.Reference}/notes", new { body = "社内メモ：予算感は未確認" });
        await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{mine.Reference}/messages", new { subject = "日程のご相談", body = "来週のご都合をお知らせください。" });
        await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{mine.Reference}/consultations", new
        {
            channel = "online-meeting", startsAt = "2099-04-01T10:00:00+09:00", durationMinutes = 45, attendees = "相談員 四郎", summary = "内部の記録", nextSteps = "",
        });
        using var client = app.CreateClient();

        var response = await client.GetAsync(mine.Path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(mine.Reference, html, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Reference, html, StringComparison.Ordinal);
        Assert.Contains("社内テレワーク規程の整備", html, StringComparison.Ordinal);        // the inquiry as submitted
        Assert.Contains("来週のご都合をお知らせください。", html, StringComparison.Ordinal); // the desk's reply
        Assert.Contains("2099年4月1日 10:00", html, StringComparison.Ordinal);             // the consultation, in JST
        Assert.Contains("オンライン会議", html, StringComparison.Ordinal);
        Assert.DoesNotContain("社内メモ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("内部の記録", html, StringComparison.Ordinal);
        Assert.DoesNotContain("相談員 四郎", html, StringComparison.Ordinal);
        Assert.DoesNotContain(mine.Email, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("受け付けました", html, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("noindex", string.Join(",", response.Headers.GetValues("X-Robots-Tag")));
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));

        var otherHtml = await client.GetStringAsync(other.Path);
        Assert.Contains(other.Reference, otherHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(mine.Reference, otherHtml, StringComparison.Ordinal);

        // The language switch in the header works here too.
        var english = await client.GetStringAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(mine.Path));
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("Your consultation", english, StringComparison.Ordinal);
        Assert.Contains("Received: we are reviewing your inquiry", english, StringComparison.Ordinal);
        Assert.Contains("2099-04-01 10:00 JST", english, StringComparison.Ordinal);
        Assert.Contains("Online meeting", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tampered_malformed_unknown_and_expired_tokens_get_one_plain_404_page()
    {
        var visit = await SubmitAsync(app);
        var expired = await SubmitAsync(app);
        var closedLongAgo = DateTime.UtcNow.AddDays(-91);
        await app.WithDbAsync(db => db.Cases.Where(c => c.Reference == expired.Reference).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.Status, CaseStatus.Closed).SetProperty(c => c.CloseReason, CloseReason.Completed).SetProperty(c => c.ClosedAt, closedLongAgo)));
        var middle = visit.Token.Length / 2;
        var tampered = visit.Token[..middle] + (visit.Token[middle] == 'A' ? 'B' : 'A') + visit.Token[(middle + 1)..];
        var unknown = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string[] paths =
        [
            $"/portal/{tampered}", $"/portal/{tampered}/survey", $"/unsubscribe/{tampered}",
            $"/portal/{unknown}", "/portal/abc", $"/portal/{visit.Token}x", "/portal/" + Uri.EscapeDataString(new string('あ', 43)),
            expired.Path,
        ];
        using var client = app.CreateClient();

        var bodies = new List<string>();
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.DoesNotContain(visit.Reference, html, StringComparison.Ordinal);
            Assert.DoesNotContain(expired.Reference, html, StringComparison.Ordinal);
            Assert.DoesNotContain("社内テレワーク規程", html, StringComparison.Ordinal);
            Assert.Contains("href=\"/portal/link\"", html, StringComparison.Ordinal);
            bodies.Add(html);
        }
        Assert.Single(bodies.Distinct());

        // Posting with a bad token (a reply, a mail provider's one-click) is the same 404, never a 5xx.
        var (_, formToken) = await OpenAsync(client, visit.Path);
        var reply = await PostAsync(client, $"/portal/{tampered}?handler=Reply", formToken, ("body", "こんにちは"));
        var oneClick = await client.PostAsync($"/unsubscribe/{tampered}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.NotFound, reply.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, oneClick.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.MailOptOuts.CountAsync(o => o.EmailNormalized == visit.Email)));
    }

    [Fact]
    public async Task A_portal_reply_lands_on_the_case_wakes_it_and_cancels_its_reminders()
    {
        var visit = await SubmitAsync(app);
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{visit.Reference}/claim");
        await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{visit.Reference}/transitions", new { to = "triaged" });
        await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{visit.Reference}/transitions", new { to = "waiting-on-inquirer", comment = "資料の確認待ち" });
        FollowUpRule[] waitingRules = [FollowUpRule.WaitingReminder1, FollowUpRule.WaitingReminder2, FollowUpRule.WaitingAutoClose];
        var scheduled = await FollowUpsAsync(visit.Reference, waitingRules);
        Assert.Equal(3, scheduled.Count(f => f.State == FollowUpState.Scheduled));
        using var client = NoRedirectClient(app);
        var (waitingPage, formToken) = await OpenAsync(client, visit.Path);
        Assert.Contains("ご返信をお待ちしています", waitingPage, StringComparison.Ordinal);

        var posted = await PostAsync(client, $"{visit.Path}?handler=Reply", formToken, ("body", "資料を確認しました。\n㈱サンプルとして進めたいです。"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await client.GetStringAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains("メッセージを送信しました", after, StringComparison.Ordinal);
        Assert.Contains("㈱サンプルとして進めたいです。", after, StringComparison.Ordinal);

        var detail = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{visit.Reference}");
        Assert.Equal("triaged", detail.GetProperty("status").GetString());
        var message = detail.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("type").GetString() == "message");
        Assert.Equal("inbound", message.GetProperty("direction").GetString());
        Assert.Equal("portal", message.GetProperty("via").GetString());
        Assert.Equal("資料を確認しました。\n㈱サンプルとして進めたいです。", message.GetProperty("body").GetString());
        var followUps = await FollowUpsAsync(visit.Reference, waitingRules);
        Assert.Equal(3, followUps.Count);
        Assert.All(followUps, f => Assert.Equal(FollowUpState.Cancelled, f.State));
        Assert.All(followUps, f => Assert.Equal("inquirer-replied", f.Outcome));
    }

    [Fact]
    public async Task An_empty_too_long_or_control_character_reply_is_refused_beside_the_field()
    {
        var visit = await SubmitAsync(app);
        using var client = NoRedirectClient(app);
        var (_, formToken) = await OpenAsync(client, visit.Path);

        var empty = await PostAsync(client, $"{visit.Path}?handler=Reply", formToken, ("body", "   "));
        var tooLong = await PostAsync(client, $"{visit.Path}?handler=Reply", formToken, ("body", new string('あ', 5_001)));
        var control = await PostAsync(client, $"{visit.Path}?handler=Reply", formToken, ("body", "こんにちは\u0007"));
        var withoutFormToken = await client.PostAsync($"{visit.Path}?handler=Reply", new FormUrlEncodedContent([new("body", "こんにちは")]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("メッセージを入力してください。", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Contains("5000文字以内", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, control.StatusCode);
        Assert.Contains("制御文字", await control.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutFormToken.StatusCode);
        var messages = await app.WithDbAsync(db => db.Timeline.CountAsync(t => t.Type == "message" && db.Cases.Any(c => c.Id == t.CaseId && c.Reference == visit.Reference)));
        Assert.Equal(0, messages);
    }

    [Fact]
    public async Task The_survey_opens_once_resolved_and_keeps_one_answer_per_case()
    {
        var visit = await SubmitAsync(app);
        using var client = NoRedirectClient(app);
        var (closedSurvey, _) = await OpenAsync(client, $"{visit.Path}/survey");
        Assert.Contains("アンケートはご相談が解決した後にご回答いただけます。", closedSurvey, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{visit.Path}/survey\"", (await OpenAsync(client, visit.Path)).Html, StringComparison.Ordinal);
        var earlyToken = (await OpenAsync(client, visit.Path)).FormToken;
        var early = await PostAsync(client, $"{visit.Path}/survey", earlyToken, ("rating", "5"), ("problemSolved", "true"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);

        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{visit.Reference}/claim");
        await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{visit.Reference}/transitions", new { to = "triaged" });
        await SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{visit.Reference}/transitions", new { to = "resolved" });
        var (casePage, _) = await OpenAsync(client, visit.Path);
        Assert.Contains($"href=\"{visit.Path}/survey\"", casePage, StringComparison.Ordinal);
        var (_, formToken) = await OpenAsync(client, $"{visit.Path}/survey");

        var missing = await PostAsync(client, $"{visit.Path}/survey", formToken, ("rating", "6"));
        var first = await PostAsync(client, $"{visit.Path}/survey", formToken, ("rating", "3"), ("problemSolved", "false"));
        var second = await PostAsync(client, $"{visit.Path}/survey", formToken, ("rating", "4"), ("problemSolved", "true"), ("comment", "丁寧に対応いただきました。"));

        var missingHtml = await missing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Contains("満足度を1から5の中から選んでください。", missingHtml, StringComparison.Ordinal);
        Assert.Contains("課題が解決したかどうかを選んでください。", missingHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Contains("ご回答ありがとうございました。", await client.GetStringAsync(second.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var answers = await app.WithDbAsync(db => db.SurveyResponses.Where(s => db.Cases.Any(c => c.Id == s.CaseId && c.Reference == visit.Reference)).ToListAsync());
        var answer = Assert.Single(answers);
        Assert.Equal(4, answer.Rating);
        Assert.True(answer.ProblemSolved);
        Assert.Equal("丁寧に対応いただきました。", answer.Comment);

        var detail = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{visit.Reference}");
        Assert.Equal(4, detail.GetProperty("survey").GetProperty("rating").GetInt32());
        Assert.True(detail.GetProperty("survey").GetProperty("problemSolved").GetBoolean());
        Assert.Equal(2, detail.GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("type").GetString() == "survey-answered"));
        var staffPage = await consultant.GetStringAsync($"/desk/cases/{visit.Reference}");
        Assert.Contains("丁寧に対応いただきました。", staffPage, StringComparison.Ordinal);
        Assert.Contains("4 / 5", staffPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opting_out_in_the_portal_stores_one_row_and_shows_on_the_case()
    {
        var visit = await SubmitAsync(app);
        using var client = NoRedirectClient(app);
        var (page, formToken) = await OpenAsync(client, visit.Path);
        Assert.Contains("お知らせメールを停止する", page, StringComparison.Ordinal);

        var first = await PostAsync(client, $"{visit.Path}?handler=OptOut", formToken);
        var again = await PostAsync(client, $"{visit.Path}?handler=OptOut", formToken);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var after = await client.GetStringAsync(first.Headers.Location!.OriginalString);
        Assert.Contains("お知らせメールは停止しています", after, StringComparison.Ordinal);
        Assert.DoesNotContain("お知らせメールを停止する</button>", after, StringComparison.Ordinal);
        var rows = await app.WithDbAsync(db => db.MailOptOuts.Where(o => o.EmailNormalized == visit.Email).ToListAsync());
        Assert.Equal(OptOutChannel.Portal, Assert.Single(rows).Channel);
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        var detail = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{visit.Reference}");
        Assert.True(detail.GetProperty("optedOut").GetBoolean());
        var entry = Assert.Single(detail.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("type").GetString() == "opted-out");
        Assert.Equal("portal", entry.GetProperty("via").GetString());
        Assert.Contains("配信停止中", await consultant.GetStringAsync($"/desk/cases/{visit.Reference}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_one_click_unsubscribe_needs_no_cookie_or_form_token_and_counts_once()
    {
        var visit = await SubmitAsync(app);
        using var mailProvider = NoRedirectClient(app, cookies: false);
        using var person = NoRedirectClient(app);
        var (confirmation, _) = await OpenAsync(person, $"/unsubscribe/{visit.Token}");
        Assert.Contains("配信を停止する", confirmation, StringComparison.Ordinal);
        var forged = await person.PostAsync($"/unsubscribe/{visit.Token}", new FormUrlEncodedContent([new("confirm", "1")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.MailOptOuts.CountAsync(o => o.EmailNormalized == visit.Email)));

        var first = await mailProvider.PostAsync($"/unsubscribe/{visit.Token}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var second = await mailProvider.PostAsync($"/unsubscribe/{visit.Token}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        var rows = await app.WithDbAsync(db => db.MailOptOuts.Where(o => o.EmailNormalized == visit.Email).ToListAsync());
        Assert.Equal(OptOutChannel.OneClick, Assert.Single(rows).Channel);
        var entries = await app.WithDbAsync(db => db.Timeline.Where(t => t.Type == "opted-out" && db.Cases.Any(c => c.Id == t.CaseId && c.Reference == visit.Reference)).ToListAsync());
        Assert.Contains("\"one-click\"", Assert.Single(entries).Content, StringComparison.Ordinal);
        var (optedOutPage, _) = await OpenAsync(person, $"/unsubscribe/{visit.Token}");
        Assert.Contains("お知らせメールは停止しています", optedOutPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unsubscribe_link_asks_first_and_its_button_opts_out()
    {
        var visit = await SubmitAsync(app);
        using var person = NoRedirectClient(app);

        var (confirmation, formToken) = await OpenAsync(person, $"/unsubscribe/{visit.Token}");
        Assert.Equal(0, await app.WithDbAsync(db => db.MailOptOuts.CountAsync(o => o.EmailNormalized == visit.Email)));
        var confirmed = await PostAsync(person, $"/unsubscribe/{visit.Token}", formToken);

        Assert.Contains("リマインダーやアンケートなどのお知らせメールを停止できます。", confirmation, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("お知らせメールを停止しました。", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var rows = await app.WithDbAsync(db => db.MailOptOuts.Where(o => o.EmailNormalized == visit.Email).ToListAsync());
        Assert.Equal(OptOutChannel.Portal, Assert.Single(rows).Channel);
    }

    [Fact]
    public async Task An_old_link_stops_working_once_a_fresh_one_is_requested_and_the_fresh_link_mail_repeats_no_names()
    {
        var visit = await SubmitAsync(app);
        using var client = NoRedirectClient(app);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(visit.Path)).StatusCode);
        var (_, formToken) = await OpenAsync(client, "/portal/link");

        var requested = await PostAsync(client, "/portal/link", formToken, ("email", visit.Email), ("reference", visit.Reference));
        var mail = await MailAsync(visit.Email, m => (m.Subject ?? "").Contains("ご相談ページへのリンク", StringComparison.Ordinal));
        var fresh = TokenIn(mail);
        var old = await client.GetAsync(visit.Path);
        var oldPage = await old.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Contains("href=\"/portal/link\"", oldPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/portal/{fresh}")).StatusCode);
        Assert.Contains("ご相談者 様", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("髙橋", mail.TextBody + mail.To.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("株式会社サンプル", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_link_is_mailed_for_a_match_and_the_answer_is_the_same_without_one()
    {
        var visit = await SubmitAsync(app);
        var stranger = Infrastructure.Inquiries.UniqueEmail("stranger");
        using var client = NoRedirectClient(app);
        var (form, formToken) = await OpenAsync(client, "/portal/link");
        Assert.Contains("name=\"reference\"", form, StringComparison.Ordinal);

        // Typed as people type: upper-case address, full-width reference.
        var matched = await PostAsync(client, "/portal/link", formToken, ("email", visit.Email.ToUpperInvariant()), ("reference", ToFullWidth(visit.Reference)));
        var wrongReference = await PostAsync(client, "/portal/link", formToken, ("email", visit.Email), ("reference", "CD-2000-999999"));
        var unknownAddress = await PostAsync(client, "/portal/link", formToken, ("email", stranger), ("reference", visit.Reference));

        Assert.Equal(HttpStatusCode.OK, matched.StatusCode);
        var answer = await matched.Content.ReadAsStringAsync();
        Assert.Contains("新しいリンクをメールでお送りしました", answer, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, wrongReference.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknownAddress.StatusCode);
        Assert.Equal(answer, await wrongReference.Content.ReadAsStringAsync());
        Assert.Equal(answer, await unknownAddress.Content.ReadAsStringAsync());

        var mail = await MailAsync(visit.Email, m => (m.Subject ?? "").Contains("ご相談ページへのリンク", StringComparison.Ordinal));
        Assert.Contains(visit.Reference, mail.Subject, StringComparison.Ordinal);
        var fresh = TokenIn(mail);
        Assert.NotEqual(visit.Token, fresh);
        var page = await client.GetStringAsync($"/portal/{fresh}");
        Assert.Contains(visit.Reference, page, StringComparison.Ordinal);
        Assert.Single(SmtpSink.MessagesTo([visit.Email]), m => (m.Subject ?? "").Contains("ご相談ページへのリンク", StringComparison.Ordinal));
        Assert.Empty(SmtpSink.MessagesTo([stranger]));

        var invalid = await PostAsync(client, "/portal/link", formToken, ("email", "not-an-address"), ("reference", ""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var withoutFormToken = await client.PostAsync("/portal/link", new FormUrlEncodedContent([new("email", visit.Email), new("reference", visit.Reference)]));
        Assert.Equal(HttpStatusCode.BadRequest, withoutFormToken.StatusCode);
    }

    [Fact]
    public async Task The_token_is_stored_only_as_a_hash_and_leaves_the_sent_acknowledgement()
    {
        var visit = await SubmitAsync(app);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(visit.Token)));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        OutboxMail acknowledgement;
        do
        {
            acknowledgement = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.Kind == "acknowledgement" && db.Cases.Any(c => c.Id == m.CaseId && c.Reference == visit.Reference)));
            if (acknowledgement.Status == OutboxStatus.Sent) break;
            await Task.Delay(250);
        } while (DateTime.UtcNow < deadline);

        Assert.Equal(OutboxStatus.Sent, acknowledgement.Status);
        // No column of the row keeps the token: the body holds a placeholder and the encrypted copy is cleared.
        Assert.All(typeof(OutboxMail).GetProperties().Where(p => p.PropertyType == typeof(string)).Select(p => (string?)p.GetValue(acknowledgement) ?? ""),
            value => Assert.DoesNotContain(visit.Token, value, StringComparison.Ordinal));
        Assert.Contains("/portal/" + OutboxMail.SecretPlaceholder, acknowledgement.TextBody, StringComparison.Ordinal);
        Assert.Null(acknowledgement.ProtectedSecret);
        var tokens = await app.WithDbAsync(db => db.PortalTokens.Where(t => db.Cases.Any(c => c.Id == t.CaseId && c.Reference == visit.Reference)).ToListAsync());
        Assert.Equal(hash, Assert.Single(tokens).TokenHash);
        Assert.Equal(0, await app.WithDbAsync(db => db.PortalTokens.CountAsync(t => t.TokenHash == visit.Token)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.TextBody.Contains(visit.Token))));
    }

    private Task<List<FollowUp>> FollowUpsAsync(string reference, FollowUpRule[] rules) =>
        app.WithDbAsync(db => db.FollowUps.Where(f => rules.Contains(f.Rule) && db.Cases.Any(c => c.Id == f.CaseId && c.Reference == reference)).ToListAsync());

    private static string ToFullWidth(string value) =>
        string.Concat(value.Select(ch => ch is >= '!' and <= '~' ? (char)(ch + 0xFEE0) : ch));
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePortalTests(SqliteApp app) : PortalTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPortalTests(PostgresApp app) : PortalTests(app);
