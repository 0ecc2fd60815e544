using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Portal;

namespace ConsultDesk.IntegrationTests.Cases;

/// <summary>The case page as a consultant's workbench, used as a person uses it: signed in with the cookie, posting its forms.</summary>
[Collection(SqliteCollection.Name)]
public sealed partial class CaseWorkbenchTests(SqliteApp app)
{
    private const string Password = "Workbench-Pass-2026";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    private static string Token(string html) => AntiForgery().Match(html).Groups[1].Value;

    /// <summary>A new staff member signed in through the sign-in page (cookie), and a bearer client for the API.</summary>
    private async Task<(HttpClient Page, HttpClient Api, string Email)> StaffAsync(string role, string displayName)
    {
        var email = $"{role}-{Guid.NewGuid():N}@consultdesk.test";
        using (var admin = await Staff.AdminAsync(app))
            (await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName, password = Password, roles = new[] { role } })).EnsureSuccessStatusCode();
        return (await SignInAsync(email, Password), await Staff.ClientAsync(app, email, Password), email);
    }

    private async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
        var form = await client.GetStringAsync("/signin");
        var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(form)), new("Email", email), new("Password", password)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    private static async Task<(HttpResponseMessage Response, string Html)> PostAsync(HttpClient client, string path, string handler, params KeyValuePair<string, string>[] fields)
    {
        var page = await client.GetStringAsync(path);
        var response = await client.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent([new("__RequestVerificationToken", Token(page)), .. fields]));
        return (response, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private async Task<string> CompanyCaseAsync(HttpClient consultantApi, string email)
    {
        var body = Infrastructure.Inquiries.Company(email);
        body["preferredSlots"] = new JsonArray(
            new JsonObject { ["startsAt"] = "2099-04-01T10:00:00+09:00", ["endsAt"] = "2099-04-01T11:00:00+09:00" },
            new JsonObject { ["startsAt"] = "2099-04-02T14:00:00+09:00", ["endsAt"] = "2099-04-02T15:30:00+09:00" },
            new JsonObject { ["startsAt"] = "2099-04-03T09:00:00+09:00", ["endsAt"] = "2099-04-03T10:00:00+09:00" });
        body["address"] = new JsonObject { ["postalCode"] = "1000014", ["municipality"] = "千代田区", ["street"] = "永田町1-7-1", ["building"] = "第一ビル3階" };
        using var anonymous = app.CreateClient();
        var reference = (await (await Infrastructure.Inquiries.PostAsync(anonymous, body)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        await PortalVisit.SendAsync(consultantApi, HttpMethod.Post, $"/api/v1/cases/{reference}/claim");
        return reference;
    }

    [Fact]
    public async Task The_summary_shows_party_industry_size_the_three_preferred_dates_language_and_the_consultation()
    {
        var (page, api, _) = await StaffAsync("consultant", "相談員 一郎");
        var reference = await CompanyCaseAsync(api, Infrastructure.Inquiries.UniqueEmail("summary"));
        await PortalVisit.SendAsync(api, HttpMethod.Post, $"/api/v1/cases/{reference}/transitions", new { to = "triaged" });
        await PortalVisit.SendAsync(api, HttpMethod.Post, $"/api/v1/cases/{reference}/consultations",
            new { channel = "online-meeting", startsAt = "2099-04-02T14:00:00+09:00", durationMinutes = 60, summary = "規程の論点" });

        var html = WebUtility.HtmlDecode(await page.GetStringAsync($"/desk/cases/{reference}"));
        var summary = html[html.IndexOf("class=\"case-summary\"", StringComparison.Ordinal)..html.IndexOf("class=\"case-grid\"", StringComparison.Ordinal)];

        Assert.Contains("企業", summary, StringComparison.Ordinal);
        Assert.Contains("情報通信業", summary, StringComparison.Ordinal);          // the label, not the code G
        Assert.Contains("120 人（50〜299 人）", summary, StringComparison.Ordinal);
        Assert.Contains("第1希望：<time>2099-04-01 10:00</time>〜<time>11:00</time>", summary, StringComparison.Ordinal);
        Assert.Contains("第2希望：<time>2099-04-02 14:00</time>〜<time>15:30</time>", summary, StringComparison.Ordinal);
        Assert.Contains("第3希望：<time>2099-04-03 09:00</time>", summary, StringComparison.Ordinal);
        Assert.Contains("<time>2099-04-02 14:00</time>（オンライン会議・60分）", summary, StringComparison.Ordinal);
        Assert.Contains("日本語", summary, StringComparison.Ordinal);
        Assert.Contains("電話", summary, StringComparison.Ordinal);
        Assert.Contains("社内テレワーク規程・就業規則", summary, StringComparison.Ordinal);
        Assert.Contains("〒100-0014 千代田区 永田町1-7-1 第一ビル3階", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_entries_read_as_sentences_and_notes_and_mail_are_labelled_apart_and_the_badge_shows_the_response()
    {
        var (page, api, _) = await StaffAsync("consultant", "相談員 二郎");
        var reference = await CompanyCaseAsync(api, Infrastructure.Inquiries.UniqueEmail("wording"));
        await PortalVisit.SendAsync(api, HttpMethod.Post, $"/api/v1/cases/{reference}/transitions", new { to = "triaged" });
        var before = WebUtility.HtmlDecode(await page.GetStringAsync($"/desk/cases/{reference}"));
        await PortalVisit.SendAsync(api, HttpMethod.Post, $"/api/v1/cases/{reference}/consultations",
            new { channel = "online-meeting", startsAt = "2099-04-02T14:00:00+09:00", durationMinutes = 60, summary = "規程の論点を整理" });
        await PortalVisit.SendAsync(api, HttpMethod.Post, $"/api/v1/cases/{reference}/notes", new { body = "社内向けメモ" });

        var (sent, _) = await PostAsync(page, $"/desk/cases/{reference}", "Reply", new("subject", "Re: ご相談の件"), new("body", "資料をお送りします。"));
        var html = WebUtility.HtmlDecode(await page.GetStringAsync($"/desk/cases/{reference}"));
        var timeline = html[html.IndexOf("<ol class=\"timeline\">", StringComparison.Ordinal)..html.IndexOf("</ol>", html.IndexOf("<ol class=\"timeline\">", StringComparison.Ordinal), StringComparison.Ordinal)];

        Assert.Contains("期限内", FirstResponse(before), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("個別相談（オンライン会議・60分）：2099-04-02 14:00", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("online-meeting", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("60min", timeline, StringComparison.Ordinal);
        Assert.Contains("ステータスを「新規」から「振り分け済み」に変更しました。", timeline, StringComparison.Ordinal);
        Assert.Contains("担当になりました。", timeline, StringComparison.Ordinal);
        Assert.Contains("お問い合わせを受け付けました（API）。", timeline, StringComparison.Ordinal);
        Assert.Matches("entry-kind-note\">\\s*<p class=\"entry-head\"><span class=\"entry-label label-note\">内部メモ</span>", timeline);
        Assert.Matches("entry-kind-outbound\">\\s*<p class=\"entry-head\"><span class=\"entry-label label-outbound\">送信メール</span>", timeline);
        var badge = FirstResponse(html);
        Assert.Contains("応答済み", badge, StringComparison.Ordinal);
        Assert.DoesNotContain("期限内", badge, StringComparison.Ordinal);
        // Buttons say what they do.
        Assert.Contains(">メモを追加</button>", html, StringComparison.Ordinal);
        Assert.Contains(">返信を送信</button>", html, StringComparison.Ordinal);
        Assert.Contains(">ステータスを変更</button>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">保存</button>", html, StringComparison.Ordinal);
    }

    private static string FirstResponse(string html)
    {
        var start = html.IndexOf("class=\"first-response\"", StringComparison.Ordinal);
        return html[start..html.IndexOf("</dd>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task The_composer_starts_with_Re_subject_and_the_preview_and_the_sent_mail_carry_the_salutation_once()
    {
        var (page, api, _) = await StaffAsync("consultant", "相談員 三郎");
        var inquirer = Infrastructure.Inquiries.UniqueEmail("salutation");
        var reference = await CompanyCaseAsync(api, inquirer);
        const string typed = "株式会社サンプル\n髙橋　様\n\nお問い合わせありがとうございます。資料をお送りします。";

        var composer = WebUtility.HtmlDecode(await page.GetStringAsync($"/desk/cases/{reference}"));
        var (preview, previewHtml) = await PostAsync(page, $"/desk/cases/{reference}", "Preview", new("subject", "Re: 社内テレワーク規程の整備"), new("body", typed));
        var (sent, _) = await PostAsync(page, $"/desk/cases/{reference}", "Reply", new("subject", "Re: 社内テレワーク規程の整備"), new("body", typed));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<MimeKit.MimeMessage> mails;
        do
        {
            mails = SmtpSink.MessagesTo([inquirer]);
            if (mails.Any(m => m.InReplyTo is not null)) break;
            await Task.Delay(250);
        } while (DateTime.UtcNow < deadline);
        var mail = Assert.Single(mails, m => m.InReplyTo is not null);

        Assert.Contains("name=\"subject\" type=\"text\" maxlength=\"200\" required value=\"Re: 社内テレワーク規程の整備\"", composer, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var shown = previewHtml[previewHtml.IndexOf("id=\"reply-preview\"", StringComparison.Ordinal)..];
        shown = shown[..shown.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains($"【地方創生テレワーク相談窓口】Re: 社内テレワーク規程の整備（{reference}）", shown, StringComparison.Ordinal);
        Assert.Contains("髙橋 𠮷子 様\n\nお問い合わせありがとうございます。", shown, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(shown, "様"));
        Assert.Contains("地方創生テレワーク相談窓口　相談員 三郎", shown, StringComparison.Ordinal);  // the signature
        Assert.Contains("お問い合わせありがとうございます。資料をお送りします。", previewHtml[previewHtml.IndexOf("id=\"reply-body\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Single(Regex.Matches(mail.TextBody ?? "", "様"));
        Assert.Contains("髙橋 𠮷子 様", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(reference, mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_salutation_further_down_or_another_persons_name_is_kept()
    {
        var (page, api, _) = await StaffAsync("consultant", "相談員 四郎");
        var reference = await CompanyCaseAsync(api, Infrastructure.Inquiries.UniqueEmail("kept"));

        var (_, html) = await PostAsync(page, $"/desk/cases/{reference}", "Preview", new("subject", "Re: x"), new("body", "佐藤 様にも共有しました。\n髙橋 様"));
        var shown = html[html.IndexOf("id=\"reply-preview\"", StringComparison.Ordinal)..];

        Assert.Contains("佐藤 様にも共有しました。\n髙橋 様", shown[..shown.IndexOf("</section>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Canned_replies_belong_to_their_author_shared_ones_to_admins_and_insert_with_their_variables_filled_in()
    {
        var (alice, aliceApi, _) = await StaffAsync("consultant", "相談員 五郎");
        var (bob, _, _) = await StaffAsync("consultant", "相談員 六郎");
        using var admin = await SignInAsync(ConsultDeskAppFactory.AdminEmail, ConsultDeskAppFactory.AdminPassword);
        var mark = Guid.NewGuid().ToString("N")[..8];

        var (created, _) = await PostAsync(alice, "/desk/canned-replies", "Save", new("name", $"資料送付 {mark}"), new("body", "{{氏名}} 様の件（{{受付番号}}）、{{担当者}}が担当します。"));
        var aliceList = WebUtility.HtmlDecode(await alice.GetStringAsync("/desk/canned-replies"));
        var id = Regex.Match(aliceList, $"name=\"id\" value=\"([0-9a-f-]{{36}})\" />\\s*<div class=\"field\"><label for=\"name-[0-9a-f-]+\">[^<]+</label><input id=\"name-[0-9a-f-]+\" name=\"name\" type=\"text\" maxlength=\"100\" required value=\"資料送付 {mark}\"").Groups[1].Value;
        var bobList = WebUtility.HtmlDecode(await bob.GetStringAsync("/desk/canned-replies"));
        var (bobEdit, _) = await PostAsync(bob, "/desk/canned-replies", "Save", new("id", id), new("name", "乗っ取り"), new("body", "x"));
        var (bobDelete, _) = await PostAsync(bob, "/desk/canned-replies", "Delete", new KeyValuePair<string, string>("id", id));
        var (bobShared, _) = await PostAsync(bob, "/desk/canned-replies", "Save", new("name", "共有したい"), new("body", "x"), new("shared", "true"));
        var (adminShared, _) = await PostAsync(admin, "/desk/canned-replies", "Save", new("name", $"共有 {mark}"), new("body", "共有の本文 {{件名}}"), new("shared", "true"));
        var aliceAfter = WebUtility.HtmlDecode(await alice.GetStringAsync("/desk/canned-replies"));
        var sharedId = Regex.Match(WebUtility.HtmlDecode(await admin.GetStringAsync("/desk/canned-replies")),
            $"name=\"id\" value=\"([0-9a-f-]{{36}})\" />\\s*<div class=\"field\"><label for=\"name-[0-9a-f-]+\">[^<]+</label><input id=\"name-[0-9a-f-]+\" name=\"name\" type=\"text\" maxlength=\"100\" required value=\"共有 {mark}\"").Groups[1].Value;
        var (aliceEditsShared, _) = await PostAsync(alice, "/desk/canned-replies", "Save", new("id", sharedId), new("name", "変更"), new("body", "x"));
        var (aliceEdits, _) = await PostAsync(alice, "/desk/canned-replies", "Save", new("id", id), new("name", $"資料送付 {mark} 改"), new("body", "{{氏名}} 様の件（{{受付番号}}）、{{担当者}}が担当します。"));

        var reference = await CompanyCaseAsync(aliceApi, Infrastructure.Inquiries.UniqueEmail("canned"));
        var (inserted, insertedHtml) = await PostAsync(alice, $"/desk/cases/{reference}", "Canned", new("subject", "Re: x"), new("body", "いつもお世話になっております。"), new("cannedId", id));
        var (aliceDeletes, _) = await PostAsync(alice, "/desk/canned-replies", "Delete", new KeyValuePair<string, string>("id", id));
        var aliceGone = WebUtility.HtmlDecode(await alice.GetStringAsync("/desk/canned-replies"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Matches("^[0-9a-f-]{36}$", id);
        Assert.DoesNotContain($"資料送付 {mark}", bobList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, bobEdit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobDelete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bobShared.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, adminShared.StatusCode);
        Assert.Contains($"共有 {mark}", aliceAfter, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, aliceEditsShared.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, aliceEdits.StatusCode);
        Assert.Equal(HttpStatusCode.OK, inserted.StatusCode);
        Assert.Contains($"いつもお世話になっております。\n\n髙橋 𠮷子 様の件（{reference}）、相談員 五郎が担当します。</textarea>", insertedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, aliceDeletes.StatusCode);
        Assert.DoesNotContain($"資料送付 {mark}", aliceGone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Municipalities_are_found_by_name_or_reading_for_staff_only_and_proposed_through_the_search_step()
    {
        var (page, api, _) = await StaffAsync("consultant", "相談員 七郎");
        using var anonymous = app.CreateClient();
        var reference = await CompanyCaseAsync(api, Infrastructure.Inquiries.UniqueEmail("niseko"));
        await PortalVisit.SendAsync(api, HttpMethod.Post, $"/api/v1/cases/{reference}/transitions", new { to = "triaged" });

        var byKatakana = await api.GetFromJsonAsync<JsonElement>("/api/v1/municipalities/search?q=" + Uri.EscapeDataString("ニセコ"));
        var byHiragana = await api.GetFromJsonAsync<JsonElement>("/api/v1/municipalities/search?q=" + Uri.EscapeDataString("にせこ"));
        var byName = await api.GetFromJsonAsync<JsonElement>("/api/v1/municipalities/search?q=" + Uri.EscapeDataString("ニセコ町"));
        var empty = await api.GetFromJsonAsync<JsonElement>("/api/v1/municipalities/search?q=");
        var wide = await api.GetFromJsonAsync<JsonElement>("/api/v1/municipalities/search?q=" + Uri.EscapeDataString("町"));
        var unauthenticated = await anonymous.GetAsync("/api/v1/municipalities/search?q=" + Uri.EscapeDataString("ニセコ"));
        var (searched, searchHtml) = await PostAsync(page, $"/desk/cases/{reference}", "SearchMunicipality", new("municipalitySearch", "ニセコ"), new("note", "雪の町"));
        var (proposed, _) = await PostAsync(page, $"/desk/cases/{reference}", "Propose", new("municipalityCode", "013951"), new("note", "雪の町"));
        var after = WebUtility.HtmlDecode(await page.GetStringAsync($"/desk/cases/{reference}"));
        var (unpicked, unpickedHtml) = await PostAsync(page, $"/desk/cases/{reference}", "Propose", new("municipalitySearch", "ニセコ"), new("note", ""));

        foreach (var hits in new[] { byKatakana, byHiragana, byName })
        {
            var niseko = Assert.Single(hits.EnumerateArray(), h => h.GetProperty("code").GetString() == "013951");
            Assert.Equal("ニセコ町", niseko.GetProperty("name").GetString());
            Assert.Equal("北海道", niseko.GetProperty("prefectureName").GetString());
        }
        Assert.Equal(0, empty.GetArrayLength());
        Assert.True(wide.GetArrayLength() <= 10);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, searched.StatusCode);
        Assert.Contains("<input type=\"radio\" name=\"municipalityCode\" value=\"013951\" checked=\"checked\" /> ニセコ町（北海道）", searchHtml, StringComparison.Ordinal);
        Assert.Contains(">雪の町</textarea>", searchHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        Assert.Contains("ニセコ町 への紹介を提案しました。", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unpicked.StatusCode);
        Assert.Contains("紹介する自治体を検索して選んでください。", unpickedHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Matching_needs_are_picked_by_prefecture_and_region_names_not_codes()
    {
        var (page, api, _) = await StaffAsync("consultant", "相談員 八郎");
        var reference = await CompanyCaseAsync(api, Infrastructure.Inquiries.UniqueEmail("needs"));
        await PortalVisit.SendAsync(api, HttpMethod.Post, $"/api/v1/cases/{reference}/transitions", new { to = "triaged" });
        var form = WebUtility.HtmlDecode(await page.GetStringAsync($"/desk/cases/{reference}"));

        var (saved, _) = await PostAsync(page, $"/desk/cases/{reference}", "Needs",
            new("prefectures", "17"), new("prefectures", "18"), new("regions", "kyushu-okinawa"), new("companySize", ""));
        var after = WebUtility.HtmlDecode(await page.GetStringAsync($"/desk/cases/{reference}"));
        var stored = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}");

        Assert.Contains("<input type=\"checkbox\" name=\"prefectures\" value=\"17\" /> 石川県", form, StringComparison.Ordinal);
        Assert.Contains("<input type=\"checkbox\" name=\"regions\" value=\"chubu\" /> 中部", form, StringComparison.Ordinal);
        Assert.DoesNotContain("17,18", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("<input type=\"checkbox\" name=\"prefectures\" value=\"17\" checked=\"checked\" /> 石川県", after, StringComparison.Ordinal);
        Assert.Contains("<input type=\"checkbox\" name=\"regions\" value=\"kyushu-okinawa\" checked=\"checked\" />", after, StringComparison.Ordinal);
        Assert.Equal(["17", "18"], stored.GetProperty("needs").GetProperty("preferredPrefectureCodes").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public async Task A_manager_hands_the_case_to_a_consultant_and_the_history_names_them()
    {
        var (_, api, _) = await StaffAsync("consultant", "相談員 十一郎");
        var (manager, _, _) = await StaffAsync("manager", "管理者 花子");
        var (consultantPage, _, _) = await StaffAsync("consultant", "相談員 十二郎");
        var reference = await CompanyCaseAsync(api, Infrastructure.Inquiries.UniqueEmail("assign"));
        var form = WebUtility.HtmlDecode(await manager.GetStringAsync($"/desk/cases/{reference}"));
        var target = Regex.Match(form, "<option value=\"([0-9a-f-]{36})\">相談員 十二郎</option>").Groups[1].Value;
        var version = Regex.Match(form, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;

        var (assigned, _) = await PostAsync(manager, $"/desk/cases/{reference}", "Assign", new("userId", target), new("Version", version));
        var after = WebUtility.HtmlDecode(await manager.GetStringAsync($"/desk/cases/{reference}"));
        var consultantView = WebUtility.HtmlDecode(await consultantPage.GetStringAsync($"/desk/cases/{reference}"));

        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Contains("担当者を 相談員 十二郎 に変更しました。", after, StringComparison.Ordinal);
        Assert.Contains(">担当者を変更</button>", after, StringComparison.Ordinal);
        Assert.DoesNotContain(">担当者を変更</button>", consultantView, StringComparison.Ordinal);
    }
}
