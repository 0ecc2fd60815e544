using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Inquiries;

/// <summary>
/// The inquiry forms as Japanese government forms work, over plain HTTP as a browser without JavaScript posts them:
/// every error in one round, full-width input normalised, the 確認画面 and its send, email confirmation, the postal
/// lookup, the thanks page, the privacy page and the favicon.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed partial class InquiryFormFlowTests(SqliteApp app)
{
    private readonly HttpClient client = app.CreateClient();

    private static readonly TimeSpan FillTime = TimeSpan.FromSeconds(1.1); // the test host's minimum is 1 s

    [Fact]
    public async Task Abc_employees_and_three_empty_required_fields_show_all_four_problems_at_once()
    {
        var before = await app.CountCasesAsync();
        var form = await OpenAsync("/inquiries/company");
        await Task.Delay(FillTime);

        var response = await client.PostAsync("/inquiries/company", Company(form, Infrastructure.Inquiries.UniqueEmail("rounds"), new()
        {
            ["Form.Employees"] = "abc",
            ["Form.OrganizationName"] = "",
            ["Form.Subject"] = "",
            ["Form.Message"] = "",
        }));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["f-OrganizationName", "f-Employees", "f-Subject", "f-Message"], SummaryLinks(html));
        Assert.Contains("id=\"f-Employees-error\"", html, StringComparison.Ordinal);
        Assert.Contains("企業名を入力してください。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("入力内容の確認", html, StringComparison.Ordinal);
        Assert.Equal(before, await app.CountCasesAsync());
    }

    [Fact]
    public async Task Full_width_employees_are_accepted_as_120_and_only_the_empty_fields_are_refused()
    {
        var form = await OpenAsync("/inquiries/company");
        await Task.Delay(FillTime);

        var response = await client.PostAsync("/inquiries/company", Company(form, Infrastructure.Inquiries.UniqueEmail("fullwidth"), new()
        {
            ["Form.Employees"] = "１２０",
            ["Form.OrganizationName"] = "",
            ["Form.Subject"] = "",
            ["Form.Message"] = "",
        }));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(["f-OrganizationName", "f-Subject", "f-Message"], SummaryLinks(html));
        Assert.Matches("id=\"f-Employees\"[^>]*value=\"120\"", html);
    }

    [Fact]
    public async Task A_correct_company_form_goes_through_the_review_page_and_is_stored_normalised()
    {
        var email = Infrastructure.Inquiries.UniqueEmail("review");
        var before = await app.CountCasesAsync();
        var form = await OpenAsync("/inquiries/company");
        await Task.Delay(FillTime);

        var review = await client.PostAsync("/inquiries/company", Company(form, email, new()
        {
            ["Form.Employees"] = "１２０",
            ["Form.Phone"] = "０３－１２３４－５６７８",
            ["Form.OrganizationName"] = "株式会社ＡＢＣ",
        }));
        var reviewHtml = await review.Content.ReadAsStringAsync();

        Assert.Contains("入力内容の確認", reviewHtml, StringComparison.Ordinal);
        Assert.Contains("<span class=\"review-value\">120</span>", reviewHtml, StringComparison.Ordinal);
        Assert.Contains("<span class=\"review-value\">株式会社ABC</span>", reviewHtml, StringComparison.Ordinal);
        Assert.Contains("<span class=\"review-value\">03-1234-5678</span>", reviewHtml, StringComparison.Ordinal);
        Assert.Contains("<span class=\"review-value\">千代田区</span>", reviewHtml, StringComparison.Ordinal);
        Assert.Contains("<span class=\"review-value\">ヤマダ ハナコ</span>", reviewHtml, StringComparison.Ordinal);
        Assert.Equal(before, await app.CountCasesAsync());

        var thanks = await client.PostAsync("/inquiries/company?handler=Send", ReviewFields(reviewHtml));
        var thanksHtml = await thanks.Content.ReadAsStringAsync();

        var reference = ReferencePattern().Match(thanksHtml).Value;
        Assert.NotEmpty(reference);
        Assert.Contains($"href=\"/portal/link?reference={reference}\"", thanksHtml, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Reference == reference));
        Assert.Equal((120, "0312345678", "株式会社ABC", "1000014", "千代田区", "永田町1-7-1", "13"),
            (stored.Employees, stored.Phone, stored.OrganizationName, stored.PostalCode, stored.AddressMunicipality, stored.AddressStreet, stored.PrefectureCode));

        var link = await client.GetStringAsync($"/portal/link?reference={reference}");
        Assert.Contains($"value=\"{reference}\"", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Going_back_from_the_review_page_keeps_every_value()
    {
        var form = await OpenAsync("/inquiries/company");
        await Task.Delay(FillTime);
        var review = await (await client.PostAsync("/inquiries/company", Company(form, Infrastructure.Inquiries.UniqueEmail("back"), new() { ["Form.Employees"] = "１２０" })))
            .Content.ReadAsStringAsync();

        var edit = await (await client.PostAsync("/inquiries/company?handler=Edit", ReviewFields(review))).Content.ReadAsStringAsync();

        Assert.Contains("入力内容を確認する", edit, StringComparison.Ordinal);
        Assert.Matches("id=\"f-Employees\"[^>]*value=\"120\"", edit);
        Assert.Matches("id=\"f-OrganizationName\"[^>]*value=\"株式会社サンプル\"", edit);
        Assert.Matches("name=\"Form.Topics\" value=\"telework-rules\" checked=\"checked\"", edit);
        Assert.Matches("<option value=\"13\" selected=\"selected\">", edit);
        Assert.Contains("規程の雛形を探しています。</textarea>", edit, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"error-summary\"", edit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mismatched_email_confirmation_is_refused_beside_its_field()
    {
        var form = await OpenAsync("/inquiries/company");
        await Task.Delay(FillTime);

        var html = await (await client.PostAsync("/inquiries/company", Company(form, Infrastructure.Inquiries.UniqueEmail("mismatch"), new()
        {
            ["Form.EmailConfirmation"] = "someone-else@example.jp",
        }))).Content.ReadAsStringAsync();

        Assert.Equal(["f-EmailConfirmation"], SummaryLinks(html));
        Assert.Contains("メールアドレス（確認用）がメールアドレスと一致しません。", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_honeypot_still_holds_on_the_final_send()
    {
        var before = await app.CountCasesAsync();
        var form = await OpenAsync("/inquiries/company");
        await Task.Delay(FillTime);
        var review = await (await client.PostAsync("/inquiries/company", Company(form, Infrastructure.Inquiries.UniqueEmail("honey")))).Content.ReadAsStringAsync();

        var fields = ReviewFields(review, website: "http://spam.example");
        var response = await client.PostAsync("/inquiries/company?handler=Send", fields);

        Assert.DoesNotMatch(ReferencePattern(), await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.CountCasesAsync());
    }

    [Fact]
    public async Task A_send_posted_at_once_with_a_fresh_stamp_is_too_fast_and_stores_nothing()
    {
        var before = await app.CountCasesAsync();
        var form = await OpenAsync("/inquiries/company");
        await Task.Delay(FillTime);
        var review = await (await client.PostAsync("/inquiries/company", Company(form, Infrastructure.Inquiries.UniqueEmail("fast")))).Content.ReadAsStringAsync();
        var fresh = await OpenAsync("/inquiries/company");

        var response = await client.PostAsync("/inquiries/company?handler=Send", ReviewFields(review, issuedAt: fresh.IssuedAt));

        Assert.Contains("送信が早すぎたため受け付けられませんでした", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.CountCasesAsync());
    }

    [Fact]
    public async Task A_fast_post_with_field_problems_lists_the_fields_not_the_timing()
    {
        var form = await OpenAsync("/inquiries/company");

        var html = await (await client.PostAsync("/inquiries/company", Company(form, Infrastructure.Inquiries.UniqueEmail("fastbad"), new() { ["Form.Subject"] = "" })))
            .Content.ReadAsStringAsync();

        Assert.Equal(["f-Subject"], SummaryLinks(html));
        Assert.DoesNotContain("送信が早すぎた", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lookup_button_without_javascript_fills_prefecture_and_municipality_and_keeps_the_rest()
    {
        var form = await OpenAsync("/inquiries/company");

        var html = await (await client.PostAsync("/inquiries/company?handler=Lookup", Company(form, Infrastructure.Inquiries.UniqueEmail("lookup"), new()
        {
            ["Form.PostalCode"] = "１００－００１４",
            ["Form.PrefectureCode"] = "",
            ["Form.AddressMunicipality"] = "",
            ["Form.AddressStreet"] = "",
        }))).Content.ReadAsStringAsync();

        Assert.Contains("<option value=\"13\" selected=\"selected\">東京都</option>", html, StringComparison.Ordinal);
        Assert.Matches("id=\"f-AddressMunicipality\"[^>]*value=\"千代田区\"", html);
        Assert.Matches("id=\"f-AddressStreet\"[^>]*value=\"永田町\"", html);
        Assert.Matches("id=\"f-PostalCode\"[^>]*value=\"100-0014\"", html);
        Assert.Matches("id=\"f-OrganizationName\"[^>]*value=\"株式会社サンプル\"", html);
        Assert.DoesNotContain("class=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("郵便番号から都道府県と市区町村を入力しました", html, StringComparison.Ordinal);
        // The form posts to the page itself again, not to the look-up.
        Assert.Contains("<form method=\"post\" novalidate action=\"/inquiries/company\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lookup_on_the_municipality_form_picks_the_designated_city_of_a_ward()
    {
        var form = await OpenAsync("/inquiries/municipality");

        var html = await (await client.PostAsync("/inquiries/municipality?handler=Lookup", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", form.Token), new("IssuedAt", form.IssuedAt), new("Form.PostalCode", "060-0042"),
        ]))).Content.ReadAsStringAsync();

        Assert.Contains("<option value=\"011002\" selected=\"selected\">札幌市</option>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_postal_code_says_so_beside_the_field()
    {
        var form = await OpenAsync("/inquiries/worker");

        var html = await (await client.PostAsync("/inquiries/worker?handler=Lookup", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", form.Token), new("IssuedAt", form.IssuedAt), new("Form.PostalCode", "000-0000"),
        ]))).Content.ReadAsStringAsync();

        Assert.Contains("id=\"f-PostalCode-error\"", html, StringComparison.Ordinal);
        Assert.Contains("この郵便番号に当たる住所が見つかりませんでした", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_postal_code_api_answers_prefecture_municipality_and_town()
    {
        var anonymous = app.CreateClient();

        var found = await anonymous.GetAsync("/api/v1/postal-codes/100-0014");
        var missing = await anonymous.GetAsync("/api/v1/postal-codes/0000000");
        var malformed = await anonymous.GetAsync("/api/v1/postal-codes/abc");
        var openApi = await anonymous.GetStringAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var body = (await found.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("1000014", (string?)body["postalCode"]);
        var address = body["addresses"]![0]!;
        Assert.Equal(("13", "東京都", "131016", "千代田区", "永田町"),
            ((string?)address["prefectureCode"], (string?)address["prefecture"], (string?)address["municipalityCode"], (string?)address["municipality"], (string?)address["town"]));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("/api/v1/postal-codes/{code}", openApi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_normalises_full_width_input_and_stores_the_address()
    {
        var body = Infrastructure.Inquiries.Company();
        body["organization"]!["employees"] = 30;
        body["contact"]!["email"] = "ｆｕｌｌ＿" + Infrastructure.Inquiries.UniqueEmail("api");
        body["address"] = new JsonObject { ["postalCode"] = "１００－００１４", ["municipality"] = "千代田区", ["street"] = "永田町１－７－１" };

        var response = await Infrastructure.Inquiries.PostAsync(client, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reference = (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["reference"];
        var stored = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Reference == reference));
        Assert.Equal(("1000014", "永田町1-7-1", "09012345678"), (stored.PostalCode, stored.AddressStreet, stored.Phone));
        Assert.StartsWith("full_", stored.Email, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_worker_form_speaks_to_the_person_and_the_english_form_makes_readings_optional()
    {
        var worker = await client.GetStringAsync("/inquiries/worker");
        var company = await client.GetStringAsync("/inquiries/company");
        var english = app.CreateClient();
        await english.GetAsync("/culture/en?returnUrl=%2F");
        var englishWorker = await english.GetStringAsync("/inquiries/worker");

        Assert.Contains("<legend>ご本人について</legend>", worker, StringComparison.Ordinal);
        Assert.DoesNotContain("ご担当者について", worker, StringComparison.Ordinal);
        Assert.DoesNotContain("企業名", worker, StringComparison.Ordinal);
        Assert.Contains("<legend>企業について</legend>", company, StringComparison.Ordinal);
        Assert.Contains("<legend>本社所在地</legend>", company, StringComparison.Ordinal);
        Assert.Contains("<legend>ご担当者について</legend>", company, StringComparison.Ordinal);
        Assert.Matches("for=\"f-FamilyNameKana\">Family name \\(kana\\) <span class=\"opt\">", englishWorker);
        Assert.DoesNotMatch("id=\"f-FamilyNameKana\"[^>]*required", englishWorker);
    }

    [Fact]
    public async Task An_english_worker_without_readings_gets_to_the_review_page()
    {
        var english = app.CreateClient();
        await english.GetAsync("/culture/en?returnUrl=%2F");
        var html = await english.GetStringAsync("/inquiries/worker");
        var form = new FormState(TokenValue().Match(html).Groups[1].Value, IssuedAtValue().Match(html).Groups[1].Value);
        await Task.Delay(FillTime);
        var email = Infrastructure.Inquiries.UniqueEmail("en");

        var review = await (await english.PostAsync("/inquiries/worker", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", form.Token), new("IssuedAt", form.IssuedAt), new("Website", ""),
            new("Form.FamilyName", "Smith"), new("Form.GivenName", "Jane"), new("Form.Email", email), new("Form.EmailConfirmation", email),
            new("Form.PrefectureCode", "47"), new("Form.Topics", "relocation"), new("Form.PreferredChannel", "email"),
            new("Form.Language", "en"), new("Form.Subject", "Moving to Okinawa"), new("Form.Message", "Can I keep my job?"),
            new("Form.PrivacyConsent", "true"),
        ]))).Content.ReadAsStringAsync();

        Assert.Contains("Check your answers", review, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"error-summary\"", review, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_privacy_page_comes_from_the_template_and_every_form_and_the_footer_link_it()
    {
        var privacy = await client.GetAsync("/privacy");
        var html = await privacy.Content.ReadAsStringAsync();
        var home = await client.GetStringAsync("/");
        var english = app.CreateClient();
        await english.GetAsync("/culture/en?returnUrl=%2F");
        var englishPrivacy = await english.GetStringAsync("/privacy");

        Assert.Equal(HttpStatusCode.OK, privacy.StatusCode);
        Assert.Contains("<h1>個人情報の取扱い</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>3. 第三者への提供</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>5. 保存期間</h2>", html, StringComparison.Ordinal);
        Assert.Contains("開示", html, StringComparison.Ordinal);
        Assert.Contains("desk@consultdesk.example.jp", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Privacy policy</h1>", englishPrivacy, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/privacy\">個人情報の取扱い</a>", home, StringComparison.Ordinal);
        foreach (var party in new[] { "municipality", "company", "worker" })
            Assert.Contains("<a href=\"/privacy\" target=\"_blank\" rel=\"noopener\">個人情報の取扱い（全文）</a>", await client.GetStringAsync($"/inquiries/{party}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_favicon_is_served_and_linked()
    {
        var ico = await client.GetAsync("/favicon.ico");
        var svg = await client.GetAsync("/favicon.svg");
        var home = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0, 0, 1, 0], (await ico.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\" />", home, StringComparison.Ordinal);
    }

    private sealed record FormState(string Token, string IssuedAt);

    private async Task<FormState> OpenAsync(string path)
    {
        var html = await client.GetStringAsync(path);
        return new FormState(TokenValue().Match(html).Groups[1].Value, IssuedAtValue().Match(html).Groups[1].Value);
    }

    /// <summary>A complete, valid company form; <paramref name="changes"/> replaces fields (an empty value posts an empty field).</summary>
    private static FormUrlEncodedContent Company(FormState form, string email, Dictionary<string, string>? changes = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", form.Token),
            new("IssuedAt", form.IssuedAt),
            new("Website", ""),
            new("Form.OrganizationName", "株式会社サンプル"),
            new("Form.OrganizationNameKana", "サンプル"),
            new("Form.Department", "人事部"),
            new("Form.Industry", "G"),
            new("Form.Employees", "120"),
            new("Form.PostalCode", "100-0014"),
            new("Form.PrefectureCode", "13"),
            new("Form.AddressMunicipality", "千代田区"),
            new("Form.AddressStreet", "永田町１－７－１"),
            new("Form.FamilyName", "山田"),
            new("Form.GivenName", "花子"),
            new("Form.FamilyNameKana", "やまだ"),
            new("Form.GivenNameKana", "ハナコ"),
            new("Form.Title", "課長"),
            new("Form.Email", email),
            new("Form.EmailConfirmation", email),
            new("Form.Phone", "03-1234-5678"),
            new("Form.Topics", "telework-rules"),
            new("Form.PreferredChannel", "email"),
            new("Form.Language", "ja"),
            new("Form.Subject", "社内テレワーク規程の整備"),
            new("Form.Message", "規程の雛形を探しています。"),
            new("Form.PrivacyConsent", "true"),
        };
        foreach (var (name, value) in changes ?? [])
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }
        return new FormUrlEncodedContent(fields);
    }

    /// <summary>What the review page's form posts: its hidden fields as rendered (optionally a filled honeypot or another stamp).</summary>
    private static FormUrlEncodedContent ReviewFields(string reviewHtml, string? website = null, string? issuedAt = null)
    {
        var form = reviewHtml[reviewHtml.IndexOf("<section class=\"form-review\"", StringComparison.Ordinal)..];
        var fields = HiddenInput().Matches(form)
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Where(f => f.Key != "IssuedAt" || issuedAt is null)
            .ToList();
        fields.Add(new("__RequestVerificationToken", TokenValue().Match(form).Groups[1].Value));
        if (issuedAt is not null) fields.Add(new("IssuedAt", issuedAt));
        fields.Add(new("Website", website ?? ""));
        return new FormUrlEncodedContent(fields);
    }

    /// <summary>The error summary's links, in order (each points at its field).</summary>
    private static List<string> SummaryLinks(string html)
    {
        var start = html.IndexOf("id=\"error-summary\"", StringComparison.Ordinal);
        if (start < 0) return [];
        var summary = html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
        return SummaryLink().Matches(summary).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex("CD-\\d{4}-\\d{6}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenValue();

    [GeneratedRegex("name=\"IssuedAt\" value=\"([^\"]+)\"")]
    private static partial Regex IssuedAtValue();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<a href=\"#(f-[^\"]+)\">")]
    private static partial Regex SummaryLink();
}
