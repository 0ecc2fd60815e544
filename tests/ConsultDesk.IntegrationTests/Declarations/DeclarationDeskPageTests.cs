using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Seed = ConsultDesk.IntegrationTests.Infrastructure.Declarations;
using InquiryData = ConsultDesk.IntegrationTests.Infrastructure.Inquiries;

namespace ConsultDesk.IntegrationTests.Declarations;

/// <summary>The desk's declaration pages as staff use them (cookie, forms with anti-forgery tokens), and the link to and from cases.</summary>
public abstract partial class DeclarationDeskPageTests(ConsultDeskAppFactory app)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();

    private static string Token(string html) => AntiForgery().Match(html).Groups[1].Value;

    private async Task<HttpClient> SignedInAsync()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
        var form = await client.GetStringAsync("/signin");
        var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(form)), new("Email", ConsultDeskAppFactory.AdminEmail), new("Password", ConsultDeskAppFactory.AdminPassword)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string html, params (string Name, string Value)[] fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(
            new[] { new KeyValuePair<string, string>("__RequestVerificationToken", Token(html)) }
                .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)))));

    [Fact]
    public async Task The_queue_lists_and_filters_declarations_in_a_stacking_table_with_the_menu_link()
    {
        using var client = await SignedInAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var seeded = await Seed.SeedAsync(app, DeclarationStatus.InReview, Seed.Content(organizationName: $"画面宣言{tag}株式会社", prefectureCode: "01", localGovernmentCode: "011002"));

        var html = await client.GetStringAsync($"/desk/declarations?status=in-review&prefectureCode=01&q={tag}");
        Assert.Contains($"href=\"/desk/declarations/{seeded.Id}\">画面宣言{tag}株式会社</a>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"stack declaration-table\"", html, StringComparison.Ordinal);
        Assert.Contains("<strong>1件</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/desk/declarations?status=in-review\">宣言</a>", html, StringComparison.Ordinal);

        var other = await client.GetStringAsync($"/desk/declarations?status=in-review&prefectureCode=02&q={tag}");
        Assert.DoesNotContain(seeded.Id.ToString(), other, StringComparison.Ordinal);
        var bad = await client.GetAsync("/desk/declarations?status=nonsense");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("error-summary", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_detail_marks_public_fields_diffs_versions_and_links_the_contacts_cases_both_ways()
    {
        using var client = await SignedInAsync();
        var email = InquiryData.UniqueEmail("sengen-case");
        var inquiry = await InquiryData.PostAsync(client, InquiryData.Company(email));
        Assert.Equal(HttpStatusCode.Created, inquiry.StatusCode);
        var reference = (await inquiry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        var seeded = await Seed.SeedAsync(app, DeclarationStatus.Accepted, Seed.Content(email: email));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConsultDesk.Data.ConsultDeskDbContext>();
            var declaration = await db.Declarations.SingleAsync(d => d.Id == seeded.Id);
            var current = (await db.DeclarationVersions.SingleAsync(v => v.DeclarationId == seeded.Id)).ReadContent();
            var (version, submitted) = declaration.Resubmit(current with { Employees = 345, RepresentativeName = "新任 次郎" }, DateTime.UtcNow);
            db.DeclarationVersions.Add(version);
            db.DeclarationEvents.Add(submitted);
            await db.SaveChangesAsync();
        }

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/desk/declarations/{seeded.Id}"));
        Assert.Matches(@"代表者氏名\s*<span class=""public-mark"">［公開］</span>", html);
        Assert.DoesNotMatch(@"メールアドレス\s*<span class=""public-mark"">", html);
        Assert.Contains("公開中の内容は第1版です。", html, StringComparison.Ordinal);
        Assert.Matches(@"<del>宣言 太郎</del></td>\s*<td data-label=""変更後""><ins>新任 次郎</ins>", html);
        Assert.Matches(@"<del>120</del></td>\s*<td data-label=""変更後""><ins>345</ins>", html);
        Assert.Contains("受理後の変更が提出されました", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/desk/cases/{reference}\"", html, StringComparison.Ordinal);
        Assert.Contains($"第{seeded.Number:D6}号", html, StringComparison.Ordinal);

        var casePage = await client.GetStringAsync($"/desk/cases/{reference}");
        Assert.Contains($"<a href=\"/desk/declarations/{seeded.Id}\">第{seeded.Number:D6}号</a>", casePage, StringComparison.Ordinal);
        using var api = await Staff.AdminAsync(app);
        var caseJson = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}");
        Assert.Equal(seeded.Id, caseJson.GetProperty("declarations")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_stale_review_form_is_refused_with_a_clear_message_and_a_fresh_one_accepts()
    {
        using var client = await SignedInAsync();
        var seeded = await Seed.SeedAsync(app, DeclarationStatus.InReview);
        var path = $"/desk/declarations/{seeded.Id}";
        var page = await client.GetStringAsync(path);
        var version = VersionField().Match(page).Groups[1].Value;

        // Someone else returns it in the meantime, then it comes back to review.
        using (var other = await Staff.AdminAsync(app))
            Assert.Equal(HttpStatusCode.OK, (await other.PostAsJsonAsync($"/api/v1/declarations/{seeded.Id}/reject", new { reason = "重複" })).StatusCode);

        var stale = await PostFormAsync(client, path + "?handler=Accept", page, ("version", version));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        Assert.Contains("他の人がこの宣言を更新しました", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(DeclarationStatus.Rejected, (await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == seeded.Id))).Status);

        var fresh = await Seed.SeedAsync(app, DeclarationStatus.InReview);
        var freshPath = $"/desk/declarations/{fresh.Id}";
        var freshPage = await client.GetStringAsync(freshPath);
        var missingReason = await PostFormAsync(client, freshPath + "?handler=Return", freshPage, ("version", VersionField().Match(freshPage).Groups[1].Value), ("reason", ""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingReason.StatusCode);
        Assert.Contains("理由を入力してください。", await missingReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var accepted = await PostFormAsync(client, freshPath + "?handler=Accept", freshPage, ("version", VersionField().Match(freshPage).Groups[1].Value));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var after = await client.GetStringAsync(freshPath);
        Assert.Contains("受理しました。宣言者にメールを送ります。", after, StringComparison.Ordinal);
        var number = (await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == fresh.Id))).Number;
        Assert.Contains($"href=\"/sengen/{number}/certificate.pdf\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flagged_declaration_is_marked_checked_from_the_page()
    {
        using var client = await SignedInAsync();
        var seeded = await Seed.SeedAsync(app, DeclarationStatus.Accepted);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConsultDesk.Data.ConsultDeskDbContext>();
            var declaration = await db.Declarations.SingleAsync(d => d.Id == seeded.Id);
            db.DeclarationEvents.Add(declaration.CheckRequested(DateTime.UtcNow));
            db.DeclarationEvents.Add(declaration.FlagNeedsAttention(DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        var path = $"/desk/declarations/{seeded.Id}";
        var page = await client.GetStringAsync(path);
        Assert.Contains("確認済みにする", page, StringComparison.Ordinal);

        var cleared = await PostFormAsync(client, path + "?handler=ClearAttention", page, ("version", VersionField().Match(page).Groups[1].Value), ("note", "電話で継続を確認"));
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Null((await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == seeded.Id))).NeedsAttentionSince);
        var after = WebUtility.HtmlDecode(await client.GetStringAsync(path));
        Assert.DoesNotContain("確認済みにする</button>", after, StringComparison.Ordinal);
        Assert.Contains("電話で継続を確認", after, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteDeclarationDeskPageTests(SqliteApp app) : DeclarationDeskPageTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresDeclarationDeskPageTests(PostgresApp app) : DeclarationDeskPageTests(app);
