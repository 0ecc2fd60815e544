using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Award;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultDesk.IntegrationTests.Award;

public abstract class AwardEntryTests(AwardApp app)
{
    private const string Entries = "/api/v1/public/award/entries";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    private HttpClient Entrant(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(AwardEntrant.TokenHeader, token);
        return client;
    }

    /// <summary>A round whose entry window opened a day ago and closes <paramref name="closesIn"/> from now.</summary>
    private async Task<Awards.SeededRound> OpenRoundAsync(TimeSpan? closesIn = null, JudgingMode mode = JudgingMode.Blind)
    {
        var now = app.Now;
        var closes = now + (closesIn ?? TimeSpan.FromDays(5));
        var windows = new AwardWindows(now.AddDays(-1), closes, closes.AddDays(1), closes.AddDays(10), closes.AddDays(20));
        return await Awards.SeedRoundAsync(app, AwardPhase.EntryOpen, now, mode, windows: windows);
    }

    private Task<Infrastructure.Declarations.Seeded> DeclarantAsync(DeclarationStatus status = DeclarationStatus.Accepted) =>
        Infrastructure.Declarations.SeedAsync(app, status, nowUtc: app.Now);

    private static object Organization(Awards.SeededRound round, string partner = "012025", bool submit = false, string? title = null) => new
    {
        roundId = round.Id,
        submit,
        entrantKind = "organization",
        category = "regional-projects",
        partnerMunicipalityCode = partner,
        title = title ?? "サテライトオフィスを拠点とした地域課題解決",
        periodStart = "2026-04-01",
        answers = round.Criteria.Keys.ToDictionary(code => code, code => $"{code}への回答。移住者10名。"),
        outcomes = "移住者10名、地元採用5名。",
    };

    private static object Municipality(Awards.SeededRound round, string own, int? partnerNumber, string category = "regional-projects") => new
    {
        roundId = round.Id,
        entrantKind = "municipality",
        category,
        municipalityCode = own,
        partnerDeclarationNumber = partnerNumber,
        title = "企業と連携したテレワーク推進",
        periodStart = "2026-04-01",
    };

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task AssertRuleAsync(HttpResponseMessage response, string code)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    private static MultipartFormDataContent Upload(byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return form;
    }

    private Task<AwardEntry> ReadEntryAsync(Guid id) => app.WithDbAsync(db => db.AwardEntries.AsNoTracking().SingleAsync(e => e.Id == id));

    private Task<int> AttachmentCountAsync(Guid id) => app.WithDbAsync(db => db.AwardAttachments.CountAsync(a => a.EntryId == id));

    [Fact]
    public async Task An_api_client_finds_the_open_rounds_with_their_codes_and_its_own_entries_from_the_link_alone()
    {
        var round = await OpenRoundAsync();
        var closed = await Awards.SeedRoundAsync(app, AwardPhase.Setup, app.Now);
        var declarant = await DeclarantAsync();
        using var client = Entrant(declarant.ManageToken);
        var id = await CreatedIdAsync(await client.PostAsJsonAsync(Entries, Organization(round)));

        var listing = await client.GetFromJsonAsync<JsonElement>(Entries);

        Assert.True(listing.GetProperty("eligible").GetBoolean());
        var open = listing.GetProperty("openRounds").EnumerateArray().ToList();
        var mine = Assert.Single(open, r => r.GetProperty("id").GetGuid() == round.Id);
        Assert.DoesNotContain(open, r => r.GetProperty("id").GetGuid() == closed.Id);
        // RFC 3339 with an explicit offset, the same instant as the round's deadline.
        Assert.Matches(@"T\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", mine.GetProperty("entryClosesAt").GetString());
        Assert.Equal(round.Windows.EntryClosesAt, mine.GetProperty("entryClosesAt").GetDateTimeOffset().UtcDateTime);
        Assert.Equal(["regional-projects", "retention-hiring-workation", "promotion-support", "partner-municipality"],
            mine.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(["impact", "spread", "public-private", "growth"], mine.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        var entry = Assert.Single(listing.GetProperty("entries").EnumerateArray());
        Assert.Equal(id, entry.GetProperty("id").GetGuid());
        Assert.Equal("draft", entry.GetProperty("status").GetString());
        // Nothing of the declarant's own record (contact, address) is in the listing.
        Assert.DoesNotContain(declarant.ContactEmail, listing.GetRawText(), StringComparison.Ordinal);

        using var stranger = Entrant("not-a-real-token-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(Entries)).StatusCode);
    }

    [Fact]
    public async Task An_entry_can_be_created_saved_and_submitted_until_the_deadline_and_nothing_changes_one_tick_after()
    {
        var round = await OpenRoundAsync(TimeSpan.FromHours(2));
        var declarant = await DeclarantAsync();
        using var client = Entrant(declarant.ManageToken);

        // A draft may leave the answers empty.
        var id = await CreatedIdAsync(await client.PostAsJsonAsync(Entries, new
        {
            roundId = round.Id, entrantKind = "organization", category = "regional-projects", partnerMunicipalityCode = "012025",
            title = "下書きの取組", periodStart = "2026-04-01",
        }));
        Assert.Equal("draft", (await (await client.GetAsync($"{Entries}/{id}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        // Submitting an incomplete entry names each missing answer.
        var incomplete = await client.PostAsync($"{Entries}/{id}/submit", null);
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        var errors = (await incomplete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("answers.impact", out _));
        Assert.True(errors.TryGetProperty("outcomes", out _));

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"{Entries}/{id}", Organization(round))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{Entries}/{id}/attachments", Upload(Png, "map.png"))).StatusCode);

        // One tick before the deadline: submitting and changing still work; saving keeps it submitted.
        app.Clock.SetUtcNow(round.Windows.EntryClosesAt.AddTicks(-1));
        var submitted = await client.PostAsync($"{Entries}/{id}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var saved = await client.PutAsJsonAsync($"{Entries}/{id}", Organization(round, title: "締切直前に直した取組"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("submitted", (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var before = await ReadEntryAsync(id);

        // The deadline itself: everything is refused with 409 and nothing changes.
        app.Clock.SetUtcNow(round.Windows.EntryClosesAt);
        await AssertRuleAsync(await client.PutAsJsonAsync($"{Entries}/{id}", Organization(round, title: "締切後の変更")), "award-entry-window-closed");
        await AssertRuleAsync(await client.PostAsync($"{Entries}/{id}/submit", null), "award-entry-window-closed");
        await AssertRuleAsync(await client.PostAsync($"{Entries}/{id}/withdraw", null), "award-entry-window-closed");
        await AssertRuleAsync(await client.PostAsync($"{Entries}/{id}/attachments", Upload(Png, "late.png")), "award-entry-window-closed");
        var attachmentId = (await (await client.GetAsync($"{Entries}/{id}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachments")[0].GetProperty("id").GetGuid();
        await AssertRuleAsync(await client.DeleteAsync($"{Entries}/{id}/attachments/{attachmentId}"), "award-entry-window-closed");
        var other = await DeclarantAsync();
        using (var late = Entrant(other.ManageToken))
            await AssertRuleAsync(await late.PostAsJsonAsync(Entries, Organization(round)), "award-entry-window-closed");

        var after = await ReadEntryAsync(id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal("締切直前に直した取組", after.Title);
        Assert.Equal(AwardEntryStatus.Submitted, after.Status);
        Assert.Equal(1, await AttachmentCountAsync(id));
        var read = await (await client.GetAsync($"{Entries}/{id}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(read.GetProperty("editable").GetBoolean());
        Assert.Equal(1, await Awards.CountEventsAsync(app, id, "entry-created"));
        Assert.Equal(1, await Awards.CountEventsAsync(app, id, "entry-submitted"));
        Assert.Equal(1, await Awards.CountEventsAsync(app, id, "attachment-added"));
    }

    [Fact]
    public async Task Only_an_accepted_listed_declaration_can_enter_and_a_bad_token_is_not_found()
    {
        var round = await OpenRoundAsync();
        foreach (var status in new[] { DeclarationStatus.InReview, DeclarationStatus.Returned, DeclarationStatus.Withdrawn })
        {
            var declarant = await DeclarantAsync(status);
            using var client = Entrant(declarant.ManageToken);
            await AssertRuleAsync(await client.PostAsJsonAsync(Entries, Organization(round)), "award-declaration-not-accepted");
        }
        using var stranger = Entrant("not-a-token");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync(Entries, Organization(round))).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.AwardEntries.CountAsync(e => e.RoundId == round.Id)));
    }

    [Fact]
    public async Task Bad_input_gives_field_errors_not_a_server_error()
    {
        var round = await OpenRoundAsync();
        var declarant = await DeclarantAsync();
        using var client = Entrant(declarant.ManageToken);
        var response = await client.PostAsJsonAsync(Entries, new
        {
            roundId = round.Id, entrantKind = "organization", category = "partner-municipality", partnerMunicipalityCode = "999999",
            title = new string('長', 201), periodStart = "2099-01-01",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "partnerMunicipalityCode", "title", "periodStart" }) Assert.True(errors.TryGetProperty(field, out _), field);
        // 連携パートナー賞 is for municipalities: refused once the other fields are right.
        var partnerAward = await client.PostAsJsonAsync(Entries, new
        {
            roundId = round.Id, entrantKind = "organization", category = "partner-municipality", partnerMunicipalityCode = "012025",
            title = "取組", periodStart = "2026-04-01",
        });
        Assert.Equal(HttpStatusCode.BadRequest, partnerAward.StatusCode);
        Assert.True((await partnerAward.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("category", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(Entries, new StringContent("{\"periodStart\":\"no\"", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task The_same_initiative_cannot_be_entered_twice_in_a_round_from_either_side()
    {
        var round = await OpenRoundAsync();
        var organization = await DeclarantAsync();
        var municipality = await DeclarantAsync();
        using var org = Entrant(organization.ManageToken);
        using var town = Entrant(municipality.ManageToken);

        // The organisation enters with 函館市; the same declarant and partner again is refused.
        var first = await CreatedIdAsync(await org.PostAsJsonAsync(Entries, Organization(round, "012025")));
        await AssertRuleAsync(await org.PostAsJsonAsync(Entries, Organization(round, "012025", title: "別名で同じ取組")), "award-initiative-already-entered");
        // 函館市 entering the same pair (naming the organisation's Action宣言) is refused too.
        await AssertRuleAsync(await town.PostAsJsonAsync(Entries, Municipality(round, "012025", organization.Number)), "award-initiative-already-entered");
        // The reverse: 千代田区 enters first naming the organisation, then the organisation naming 千代田区 is refused.
        await CreatedIdAsync(await town.PostAsJsonAsync(Entries, Municipality(round, "131016", organization.Number)));
        await AssertRuleAsync(await org.PostAsJsonAsync(Entries, Organization(round, "131016")), "award-initiative-already-entered");
        // Changing an entry onto an initiative already entered is refused as well.
        var second = await CreatedIdAsync(await org.PostAsJsonAsync(Entries, Organization(round, "011002")));
        await AssertRuleAsync(await org.PutAsJsonAsync($"{Entries}/{second}", Organization(round, "012025")), "award-initiative-already-entered");
        // Once withdrawn, the initiative is free again.
        Assert.Equal(HttpStatusCode.OK, (await org.PostAsync($"{Entries}/{first}/withdraw", null)).StatusCode);
        await CreatedIdAsync(await town.PostAsJsonAsync(Entries, Municipality(round, "012025", organization.Number)));
    }

    [Fact]
    public async Task Two_entries_of_the_same_initiative_at_once_give_one_entry_and_one_409()
    {
        var round = await OpenRoundAsync();
        var declarant = await DeclarantAsync();
        using var client = Entrant(declarant.ManageToken);
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsJsonAsync(Entries, Organization(round, "012033"))));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.AwardEntries.CountAsync(e => e.RoundId == round.Id)));
    }

    [Fact]
    public async Task Attachments_are_checked_by_content_size_and_count_and_served_only_to_staff_and_cleared_judges()
    {
        var round = await OpenRoundAsync(mode: JudgingMode.Blind);
        var declarant = await DeclarantAsync();
        using var client = Entrant(declarant.ManageToken);
        var id = await CreatedIdAsync(await client.PostAsJsonAsync(Entries, Organization(round)));

        var png = await client.PostAsync($"{Entries}/{id}/attachments", Upload(Png, "山田商事_取組紹介.png"));
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        var attachment = (await png.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachments")[0];
        Assert.Equal("image/png", attachment.GetProperty("contentType").GetString());
        var attachmentId = attachment.GetProperty("id").GetGuid();

        // A zip and a program under a .pdf name, an empty file: 400 with the reason; nothing stored.
        using (var zipped = new MemoryStream())
        {
            using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
                await using (var part = zip.CreateEntry("a.txt").Open()) part.Write("hello"u8);
            var refused = await client.PostAsync($"{Entries}/{id}/attachments", Upload(zipped.ToArray(), "report.pdf"));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("report.pdf", (await refused.Content.ReadAsStringAsync()));
        }
        byte[] exe = [0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0];
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"{Entries}/{id}/attachments", Upload(exe, "setup.pdf"))).StatusCode);
        // 11 MB: refused with the limit in the message.
        var big = new byte[11 * 1024 * 1024];
        "%PDF-1.7\n"u8.CopyTo(big);
        var tooLarge = await client.PostAsync($"{Entries}/{id}/attachments", Upload(big, "big.pdf"));
        Assert.True(tooLarge.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode.ToString());
        Assert.Contains("10 MB", await tooLarge.Content.ReadAsStringAsync());
        Assert.Equal(1, await AttachmentCountAsync(id));

        // Up to five: the sixth is a 409.
        for (var i = 2; i <= AwardEntry.MaxAttachments; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{Entries}/{id}/attachments", Upload(Png, $"p{i}.png"))).StatusCode);
        await AssertRuleAsync(await client.PostAsync($"{Entries}/{id}/attachments", Upload(Png, "p6.png")), "award-too-many-attachments");
        Assert.Equal(AwardEntry.MaxAttachments, await AttachmentCountAsync(id));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{Entries}/{id}/submit", null)).StatusCode);

        // Served: the entrant (own link) and an admin under the real name; a cleared judge in blind mode under a neutral name.
        var own = await client.GetAsync($"/sengen/manage/{declarant.ManageToken}/award/attachments/{attachmentId}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("nosniff", own.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await own.Content.ReadAsByteArrayAsync());
        using var admin = await Staff.AdminAsync(app);
        var staffDownload = await admin.GetAsync($"/api/v1/award/attachments/{attachmentId}");
        Assert.Equal(HttpStatusCode.OK, staffDownload.StatusCode);
        Assert.Equal("image/png", staffDownload.Content.Headers.ContentType?.MediaType);
        Assert.Contains("山田商事", Uri.UnescapeDataString(staffDownload.Content.Headers.ContentDisposition!.ToString()));

        var (judge, judgeId) = await Awards.NewJudgeAsync(app);
        var (pendingJudge, pendingJudgeId) = await Awards.NewJudgeAsync(app);
        var (otherJudge, _) = await Awards.NewJudgeAsync(app);
        var (consultant, _) = await Staff.NewUserAsync(app, Roles.Consultant);
        await Awards.AssignAsync(app, round, id, judgeId, declareNoConflict: true);
        await Awards.AssignAsync(app, round, id, pendingJudgeId);
        foreach (var path in new[] { $"/api/v1/award/attachments/{attachmentId}", $"/desk/award/attachments/{attachmentId}" })
        {
            var blind = await judge.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, blind.StatusCode);
            var disposition = blind.Content.Headers.ContentDisposition!;
            Assert.Equal("attachment-1.png", disposition.FileNameStar ?? disposition.FileName?.Trim('"'));
            Assert.DoesNotContain("山田商事", Uri.UnescapeDataString(disposition.ToString()));
            Assert.Equal(HttpStatusCode.Forbidden, (await pendingJudge.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await otherJudge.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await consultant.GetAsync(path)).StatusCode);
        }
        // Another declarant's link does not open the file.
        var stranger = await DeclarantAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/sengen/manage/{stranger.ManageToken}/award/attachments/{attachmentId}")).StatusCode);
    }

    [Fact]
    public async Task Each_submission_is_mailed_once_and_the_deadline_mail_reaches_each_entrant_once_even_when_the_sweep_runs_twice()
    {
        var round = await OpenRoundAsync(TimeSpan.FromHours(1));
        var submitter = await DeclarantAsync();
        var drafter = await DeclarantAsync();
        var withdrawer = await DeclarantAsync();
        Guid submittedId, draftId;
        using (var client = Entrant(submitter.ManageToken))
            submittedId = await CreatedIdAsync(await client.PostAsJsonAsync(Entries, Organization(round, submit: true)));
        using (var client = Entrant(drafter.ManageToken))
            draftId = await CreatedIdAsync(await client.PostAsJsonAsync(Entries, Organization(round, "131016")));
        using (var client = Entrant(withdrawer.ManageToken))
        {
            var withdrawn = await CreatedIdAsync(await client.PostAsJsonAsync(Entries, Organization(round, "011002", submit: true)));
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{Entries}/{withdrawn}/withdraw", null)).StatusCode);
        }

        Task<List<ConsultDesk.Domain.OutboxMail>> MailsAsync(string email, string kind) =>
            app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(o => o.ToAddress == email && o.Kind == kind).ToListAsync());

        var submittedMail = Assert.Single(await MailsAsync(submitter.ContactEmail, SaveAwardEntry.SubmittedKind));
        Assert.Contains("サテライトオフィス", submittedMail.TextBody);
        Assert.Contains("地域課題解決プロジェクト参画", submittedMail.TextBody);
        Assert.Contains($"/award/{submittedId}", submittedMail.TextBody);
        Assert.Empty(await MailsAsync(drafter.ContactEmail, SaveAwardEntry.SubmittedKind));

        // Before the deadline the sweep does nothing.
        await app.SweepDeadlineAsync();
        Assert.Empty(await MailsAsync(submitter.ContactEmail, SendAwardDeadlineMails.Kind));

        app.Clock.SetUtcNow(round.Windows.EntryClosesAt.AddMinutes(1));
        await Task.WhenAll(app.SweepDeadlineAsync(), app.SweepDeadlineAsync());
        await app.SweepDeadlineAsync();

        var toSubmitter = Assert.Single(await MailsAsync(submitter.ContactEmail, SendAwardDeadlineMails.Kind));
        Assert.Contains("審査に進みます", toSubmitter.TextBody);
        var toDrafter = Assert.Single(await MailsAsync(drafter.ContactEmail, SendAwardDeadlineMails.Kind));
        Assert.Contains("審査の対象外", toDrafter.TextBody);
        Assert.Contains($"/award/{draftId}", toDrafter.TextBody);
        Assert.Empty(await MailsAsync(withdrawer.ContactEmail, SendAwardDeadlineMails.Kind));
        Assert.NotNull(await app.WithDbAsync(db => db.AwardRounds.Where(r => r.Id == round.Id).Select(r => r.DeadlineMailedAt).SingleAsync()));
    }

    private static string AntiforgeryToken(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } token
            ? token : throw new InvalidOperationException("No antiforgery token on the page.");

    [Fact]
    public async Task The_entry_pages_save_a_draft_and_are_read_only_after_the_deadline_refusing_every_post()
    {
        var round = await OpenRoundAsync(TimeSpan.FromHours(3));
        var declarant = await DeclarantAsync();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
        var manage = $"/sengen/manage/{declarant.ManageToken}";
        // Its own cookies: ?culture=en sets the language cookie.
        using var english = new HttpClient { BaseAddress = app.BaseAddress };

        Assert.Contains("id=\"sengen-award-link\"", await browser.GetStringAsync(manage));
        Assert.Contains($"id=\"award-new-{round.Year}\"", await browser.GetStringAsync($"{manage}/award"));
        Assert.Contains("Rounds open for entries", await english.GetStringAsync($"{manage}/award?culture=en"));
        var form = await browser.GetStringAsync($"{manage}/award/new?round={round.Id}");
        Assert.Contains("value=\"131016\" selected", form); // the declaration's municipality, prefilled
        Dictionary<string, string> Fields(string html, string title) => new()
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
            ["Form.EntrantKind"] = "organization",
            ["Form.Category"] = "retention-hiring-workation",
            ["Form.PartnerMunicipalityCode"] = "012025",
            ["Form.Title"] = title,
            ["Form.PeriodStart"] = "2026-04-01",
            ["Form.Answers[impact]"] = "効果の説明",
        };
        var saved = await browser.PostAsync($"{manage}/award/new?round={round.Id}&handler=Save", new FormUrlEncodedContent(Fields(form, "ページから保存した取組")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var entryPath = saved.Headers.Location!.OriginalString;
        var id = Guid.Parse(entryPath[(entryPath.LastIndexOf('/') + 1)..]);
        var entry = await ReadEntryAsync(id);
        Assert.Equal(("ページから保存した取組", AwardEntryStatus.Draft, "012025"), (entry.Title, entry.Status, entry.PartnerMunicipalityCode));

        // Field errors come back beside their fields, not as a server error.
        var page = await browser.GetStringAsync(entryPath);
        var bad = await browser.PostAsync($"{entryPath}?handler=Submit", new FormUrlEncodedContent(Fields(page, "")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("id=\"f-Title-error\"", await bad.Content.ReadAsStringAsync());
        Assert.Contains("Title of the initiative", await english.GetStringAsync($"{entryPath}?culture=en"));

        app.Clock.SetUtcNow(round.Windows.EntryClosesAt.AddSeconds(1));
        page = await browser.GetStringAsync(entryPath);
        Assert.Contains("id=\"award-read-only\"", page);
        Assert.DoesNotContain("id=\"award-save\"", page);
        Assert.DoesNotContain("id=\"award-upload\"", page);
        var refused = await browser.PostAsync($"{entryPath}?handler=Save", new FormUrlEncodedContent(Fields(form, "締切後にページから変更")));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("応募受付期間外", await refused.Content.ReadAsStringAsync());
        var withdraw = await browser.PostAsync($"{entryPath}?handler=Withdraw", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(form), ["confirm"] = "true",
        }));
        Assert.Equal(HttpStatusCode.Conflict, withdraw.StatusCode);
        Assert.Equal(entry.Version, (await ReadEntryAsync(id)).Version);

        // A declaration not accepted sees why; a bad link is a 404 like the declarant page.
        var pending = await DeclarantAsync(DeclarationStatus.InReview);
        Assert.Contains("id=\"award-not-eligible\"", await browser.GetStringAsync($"/sengen/manage/{pending.ManageToken}/award"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/sengen/manage/no-such-token/award")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"{manage}/award/{Guid.NewGuid()}")).StatusCode);
    }
}

[Collection(AwardSqliteCollection.Name)]
public sealed class SqliteAwardEntryTests(AwardSqliteApp app) : AwardEntryTests(app);

[Collection(AwardPostgresCollection.Name)]
public sealed class PostgresAwardEntryTests(AwardPostgresApp app) : AwardEntryTests(app);
