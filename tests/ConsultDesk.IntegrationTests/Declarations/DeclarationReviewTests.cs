using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.Users;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Seed = ConsultDesk.IntegrationTests.Infrastructure.Declarations;

namespace ConsultDesk.IntegrationTests.Declarations;

/// <summary>The office's review over the API on both databases: the queue, the detail, each decision, its mail, 409 and 412.</summary>
public abstract class DeclarationReviewTests(ConsultDeskAppFactory app)
{
    private static Task<HttpResponseMessage> ActAsync(HttpClient client, Guid id, string action, string? reason = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/declarations/{id}/{action}");
        if (action != "accept" || reason is not null) request.Content = JsonContent.Create(new { reason });
        if (ifMatch is not null) request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private Task<List<ConsultDesk.Domain.OutboxMail>> MailsToAsync(string email, string kind) =>
        app.WithDbAsync(db => db.Outbox.Where(m => m.ToAddress == email && m.Kind == kind).ToListAsync());

    private static string[] Allowed(JsonElement problem) =>
        problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!).ToArray();

    [Fact]
    public async Task Accepting_numbers_declarations_in_order_and_mails_the_declarant_the_links()
    {
        var (client, _) = await Staff.NewUserAsync(app, "consultant");
        var first = await Seed.SeedAsync(app, DeclarationStatus.InReview);
        var second = await Seed.SeedAsync(app, DeclarationStatus.InReview);

        var one = await JsonAsync(await ActAsync(client, first.Id, "accept"), HttpStatusCode.OK);
        var two = await JsonAsync(await ActAsync(client, second.Id, "accept"), HttpStatusCode.OK);

        var n = one.GetProperty("number").GetInt32();
        Assert.Equal(n + 1, two.GetProperty("number").GetInt32());
        Assert.Equal($"第{n:D6}号", one.GetProperty("numberText").GetString());
        Assert.Equal("accepted", one.GetProperty("status").GetString());
        var stored = await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == first.Id));
        Assert.True(stored.Listed);
        Assert.Equal(1, stored.AcceptedVersionNumber);
        Assert.Equal(["1"], await app.WithDbAsync(db => db.DeclarationPublicItems.Where(i => i.DeclarationId == first.Id).Select(i => i.ItemCode).ToListAsync()));

        var mail = Assert.Single(await MailsToAsync(first.ContactEmail, "declaration-accepted"));
        Assert.Contains($"第{n:D6}号", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"/sengen/{n}\n", mail.TextBody.Replace("\r", ""), StringComparison.Ordinal);
        Assert.Contains($"/sengen/{n}/certificate.pdf", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/sengen/manage/", mail.TextBody, StringComparison.Ordinal);
        // Delivered for real, with a working declarant link in place of the outbox's placeholder.
        var delivered = await Portal.PortalVisit.MailAsync(first.ContactEmail, m => (m.Subject ?? "").Contains("受理", StringComparison.Ordinal));
        Assert.Matches(@"/sengen/manage/[A-Za-z0-9_\-]{20,}", delivered.TextBody);
    }

    [Fact]
    public async Task Returning_mails_the_reason_and_the_declaration_waits_for_the_declarant()
    {
        var (client, _) = await Staff.NewUserAsync(app, "consultant");
        var seeded = await Seed.SeedAsync(app, DeclarationStatus.InReview);

        var result = await JsonAsync(await ActAsync(client, seeded.Id, "return", "取組内容をもう少し具体的に書いてください。"), HttpStatusCode.OK);

        Assert.Equal("returned", result.GetProperty("status").GetString());
        var mail = Assert.Single(await MailsToAsync(seeded.ContactEmail, "declaration-returned"));
        Assert.Contains("取組内容をもう少し具体的に書いてください。", mail.TextBody, StringComparison.Ordinal);
        var detail = await JsonAsync(await client.GetAsync($"/api/v1/declarations/{seeded.Id}"), HttpStatusCode.OK);
        Assert.Equal("returned", detail.GetProperty("versions")[0].GetProperty("outcome").GetString());
        Assert.Equal(["withdraw"], detail.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        var returned = detail.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "returned");
        Assert.Equal("consultant 太郎", returned.GetProperty("actor").GetProperty("displayName").GetString());
        Assert.Equal("取組内容をもう少し具体的に書いてください。", returned.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_reason_is_required_to_return_reject_or_withdraw()
    {
        var (client, _) = await Staff.NewUserAsync(app, "consultant");
        var seeded = await Seed.SeedAsync(app, DeclarationStatus.InReview);

        foreach (var action in new[] { "return", "reject", "withdraw" })
        {
            var problem = await JsonAsync(await ActAsync(client, seeded.Id, action, "  "), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        }
        Assert.Equal(DeclarationStatus.InReview, (await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == seeded.Id))).Status);
    }

    [Fact]
    public async Task Rejecting_and_withdrawing_end_the_declaration_and_mail_the_reason()
    {
        var (client, _) = await Staff.NewUserAsync(app, "manager");
        var inReview = await Seed.SeedAsync(app, DeclarationStatus.InReview);
        var accepted = await Seed.SeedAsync(app, DeclarationStatus.Accepted);

        Assert.Equal("rejected", (await JsonAsync(await ActAsync(client, inReview.Id, "reject", "対象外の団体です。"), HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal("withdrawn", (await JsonAsync(await ActAsync(client, accepted.Id, "withdraw", "事業を終了されたため。"), HttpStatusCode.OK)).GetProperty("status").GetString());

        Assert.Contains("対象外の団体です。", Assert.Single(await MailsToAsync(inReview.ContactEmail, "declaration-rejected")).TextBody, StringComparison.Ordinal);
        Assert.Contains("事業を終了されたため。", Assert.Single(await MailsToAsync(accepted.ContactEmail, "declaration-withdrawn")).TextBody, StringComparison.Ordinal);
        var withdrawn = await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == accepted.Id));
        Assert.False(withdrawn.Listed);
        Assert.Equal(accepted.Number, withdrawn.Number);
        var staffEvent = await app.WithDbAsync(db => db.DeclarationEvents.SingleAsync(e => e.DeclarationId == accepted.Id && e.Type == "withdrawn"));
        Assert.Contains("\"by\":\"staff\"", staffEvent.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_illegal_step_is_a_409_listing_the_allowed_actions()
    {
        var (client, _) = await Staff.NewUserAsync(app, "consultant");
        var returned = await Seed.SeedAsync(app, DeclarationStatus.Returned);
        var rejected = await Seed.SeedAsync(app, DeclarationStatus.Rejected);
        var accepted = await Seed.SeedAsync(app, DeclarationStatus.Accepted);

        foreach (var (seeded, action, allowed) in new[]
        {
            (returned, "accept", new[] { "resubmit", "withdraw" }),
            (returned, "reject", new[] { "resubmit", "withdraw" }),
            (accepted, "accept", new[] { "resubmit", "withdraw" }),
            (accepted, "return", new[] { "resubmit", "withdraw" }),
            (rejected, "withdraw", Array.Empty<string>()),
            (rejected, "accept", Array.Empty<string>()),
        })
        {
            var problem = await JsonAsync(await ActAsync(client, seeded.Id, action, action == "accept" ? null : "理由"), HttpStatusCode.Conflict);
            Assert.Equal(allowed, Allowed(problem));
            Assert.Equal("declaration-state", problem.GetProperty("code").GetString());
        }

        var english = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/declarations/{accepted.Id}/accept");
        english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var problemEn = await JsonAsync(await client.SendAsync(english), HttpStatusCode.Conflict);
        Assert.Contains("'accept' is not possible while the declaration is Accepted", problemEn.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var problemJa = await JsonAsync(await ActAsync(client, accepted.Id, "accept"), HttpStatusCode.Conflict);
        Assert.Contains("「受理」のため、「受理」はできません", problemJa.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Nothing was taken from the number sequence or mailed by the refusals.
        Assert.Empty(await MailsToAsync(returned.ContactEmail, "declaration-accepted"));
        Assert.Null((await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == returned.Id))).Number);
    }

    [Fact]
    public async Task A_stale_If_Match_is_412_and_the_current_one_goes_through()
    {
        var (client, _) = await Staff.NewUserAsync(app, "consultant");
        var seeded = await Seed.SeedAsync(app, DeclarationStatus.InReview);
        var detail = await client.GetAsync($"/api/v1/declarations/{seeded.Id}");
        var etag = detail.Headers.ETag!.Tag;
        var version = (await JsonAsync(detail, HttpStatusCode.OK)).GetProperty("version").GetInt32();
        Assert.Equal($"\"v{version}\"", etag);

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await ActAsync(client, seeded.Id, "accept", ifMatch: $"\"v{version - 1}\"")).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await ActAsync(client, seeded.Id, "return", "理由", ifMatch: "\"garbage\"")).StatusCode);
        Assert.Null((await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == seeded.Id))).Number);

        var accepted = await ActAsync(client, seeded.Id, "accept", ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal($"\"v{version + 1}\"", accepted.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await ActAsync(client, seeded.Id, "withdraw", "理由", ifMatch: etag)).StatusCode);
    }

    [Fact]
    public async Task Accepting_a_change_keeps_the_number_and_updates_the_public_facts()
    {
        var (client, _) = await Staff.NewUserAsync(app, "consultant");
        var seeded = await Seed.SeedAsync(app, DeclarationStatus.Accepted);
        var changed = Seed.Content(organizationName: "変更後株式会社", prefectureCode: "27", localGovernmentCode: "271004", itemCodes: ["2", "5"]) with
        {
            ContactEmail = seeded.ContactEmail,
        };
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConsultDesk.Data.ConsultDeskDbContext>();
            var declaration = await db.Declarations.SingleAsync(d => d.Id == seeded.Id);
            var (version, submitted) = declaration.Resubmit(changed, DateTime.UtcNow);
            db.DeclarationVersions.Add(version);
            db.DeclarationEvents.Add(submitted);
            await db.SaveChangesAsync();
        }

        var result = await JsonAsync(await ActAsync(client, seeded.Id, "accept"), HttpStatusCode.OK);

        Assert.Equal(seeded.Number, result.GetProperty("number").GetInt32());
        var stored = await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == seeded.Id));
        Assert.Equal(("変更後株式会社", "27", 2), (stored.PublicName, stored.PublicPrefectureCode, stored.AcceptedVersionNumber));
        Assert.Equal(["2", "5"], await app.WithDbAsync(db => db.DeclarationPublicItems.Where(i => i.DeclarationId == seeded.Id).OrderBy(i => i.ItemCode).Select(i => i.ItemCode).ToListAsync()));
        var mail = Assert.Single(await MailsToAsync(seeded.ContactEmail, "declaration-accepted"));
        Assert.Contains("変更を受理", mail.Subject, StringComparison.Ordinal);
        var detail = await JsonAsync(await client.GetAsync($"/api/v1/declarations/{seeded.Id}"), HttpStatusCode.OK);
        Assert.Equal(["accepted", "accepted"], detail.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("outcome").GetString()));
        Assert.Contains(detail.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("type").GetString() == "change-accepted");
    }

    [Fact]
    public async Task The_queue_filters_and_pages_with_the_case_queue_conventions()
    {
        var (client, _) = await Staff.NewUserAsync(app, "consultant");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var start = DateTime.UtcNow.AddMinutes(-30);
        var seeded = new List<Seed.Seeded>();
        for (var i = 0; i < 3; i++)
            seeded.Add(await Seed.SeedAsync(app, DeclarationStatus.InReview, Seed.Content(organizationName: $"株式会社キュー{tag}{i}", prefectureCode: "47", localGovernmentCode: "472018", industry: "M"), start.AddMinutes(i)));
        var accepted = await Seed.SeedAsync(app, DeclarationStatus.Accepted, Seed.Content(organizationName: $"株式会社キュー{tag}受理", prefectureCode: "47", localGovernmentCode: "472018", industry: "M"));

        var page1 = await JsonAsync(await client.GetAsync($"/api/v1/declarations?status=in-review&prefectureCode=47&industry=M&q=キュー{tag}&limit=2"), HttpStatusCode.OK);
        Assert.Equal([seeded[0].Id, seeded[1].Id], page1.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(3, page1.GetProperty("total").GetInt32());
        Assert.False(page1.GetProperty("totalCapped").GetBoolean());
        var next = page1.GetProperty("nextCursor").GetString();
        var page2 = await JsonAsync(await client.GetAsync($"/api/v1/declarations?status=in-review&q=キュー{tag}&limit=2&cursor={Uri.EscapeDataString(next!)}"), HttpStatusCode.OK);
        Assert.Equal([seeded[2].Id], page2.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("nextCursor").ValueKind);
        var back = await JsonAsync(await client.GetAsync($"/api/v1/declarations?status=in-review&q=キュー{tag}&limit=2&before={Uri.EscapeDataString(page2.GetProperty("previousCursor").GetString()!)}"), HttpStatusCode.OK);
        Assert.Equal([seeded[0].Id, seeded[1].Id], back.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

        // Without a status: every confirmed one; by 法人番号, reading or contact address.
        var all = await JsonAsync(await client.GetAsync($"/api/v1/declarations?q=キュー{tag}"), HttpStatusCode.OK);
        Assert.Equal(4, all.GetProperty("total").GetInt32());
        var corporate = await app.WithDbAsync(db => db.Declarations.Where(d => d.Id == accepted.Id).Select(d => d.CorporateNumber).SingleAsync());
        var byNumber = await JsonAsync(await client.GetAsync($"/api/v1/declarations?q={corporate}"), HttpStatusCode.OK);
        Assert.Equal(accepted.Id, Assert.Single(byNumber.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var byEmail = await JsonAsync(await client.GetAsync($"/api/v1/declarations?q={Uri.EscapeDataString(seeded[1].ContactEmail.ToUpperInvariant())}"), HttpStatusCode.OK);
        Assert.Equal(seeded[1].Id, Assert.Single(byEmail.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        var bad = await JsonAsync(await client.GetAsync("/api/v1/declarations?status=unconfirmed&industry=Z&needsAttention=maybe"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("status", out _) || bad.GetProperty("errors").TryGetProperty("needsAttention", out _));
    }

    [Fact]
    public async Task The_needs_attention_filter_finds_flagged_declarations()
    {
        var (client, _) = await Staff.NewUserAsync(app, "consultant");
        var flagged = await Seed.SeedAsync(app, DeclarationStatus.Accepted);
        var calm = await Seed.SeedAsync(app, DeclarationStatus.Accepted);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConsultDesk.Data.ConsultDeskDbContext>();
            var declaration = await db.Declarations.SingleAsync(d => d.Id == flagged.Id);
            db.DeclarationEvents.Add(declaration.CheckRequested(DateTime.UtcNow));
            db.DeclarationEvents.Add(declaration.FlagNeedsAttention(DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var list = await JsonAsync(await client.GetAsync("/api/v1/declarations?needsAttention=true&limit=100"), HttpStatusCode.OK);
        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(flagged.Id, ids);
        Assert.DoesNotContain(calm.Id, ids);

        var cleared = await client.PostAsJsonAsync($"/api/v1/declarations/{flagged.Id}/clear-attention", new { note = "電話で確認済み" });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Null((await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == flagged.Id))).NeedsAttentionSince);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_users_without_a_staff_role_403()
    {
        var seeded = await Seed.SeedAsync(app, DeclarationStatus.InReview);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/declarations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/declarations/{seeded.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ActAsync(anonymous, seeded.Id, "accept")).StatusCode);

        // A user whose roles were all taken away is signed in but not staff.
        using var admin = await Staff.AdminAsync(app);
        var email = $"noroles-{Guid.NewGuid():N}@consultdesk.test";
        const string password = "Staff-Password-2026";
        (await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "役割なし", password, roles = new[] { "consultant" } })).EnsureSuccessStatusCode();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = await users.FindByEmailAsync(email);
            Assert.True((await users.RemoveFromRoleAsync(user!, Roles.Consultant)).Succeeded);
        }
        using var roleless = await Staff.ClientAsync(app, email, password);
        Assert.Equal(HttpStatusCode.Forbidden, (await roleless.GetAsync("/api/v1/declarations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ActAsync(roleless, seeded.Id, "accept")).StatusCode);
        Assert.Equal(DeclarationStatus.InReview, (await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == seeded.Id))).Status);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteDeclarationReviewTests(SqliteApp app) : DeclarationReviewTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresDeclarationReviewTests(PostgresApp app) : DeclarationReviewTests(app);
