using System.Net;
using System.Text.RegularExpressions;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Inquiries;

/// <summary>The forms over plain HTTP, as a browser without JavaScript would post them.</summary>
[Collection(SqliteCollection.Name)]
public sealed partial class InquiryFormTests(SqliteApp app)
{
    private readonly HttpClient client = app.CreateClient();

    [Fact]
    public async Task The_home_page_is_japanese_and_links_the_three_forms()
    {
        var html = await client.GetStringAsync("/");

        Assert.Contains("<html lang=\"ja\">", html, StringComparison.Ordinal);
        Assert.Contains("地方創生テレワーク相談窓口", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/inquiries/municipality\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/inquiries/company\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/inquiries/worker\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_stay_japanese_for_an_english_browser_until_the_visitor_switches()
    {
        using var englishBrowser = new HttpRequestMessage(HttpMethod.Get, "/inquiries/company");
        englishBrowser.Headers.AcceptLanguage.ParseAdd("en-US");
        var before = await (await client.SendAsync(englishBrowser)).Content.ReadAsStringAsync();

        var switched = await client.GetAsync("/culture/en?returnUrl=%2Finquiries%2Fcompany");
        var after = await switched.Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"ja\">", before, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", after, StringComparison.Ordinal);
        Assert.Contains("Inquiry from a company", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_municipality_form_lists_municipalities_from_the_code_master()
    {
        var html = await client.GetStringAsync("/inquiries/municipality");

        Assert.Contains("<option value=\"011002\">札幌市</option>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"131016\">千代田区</option>", html, StringComparison.Ordinal);
        Assert.Contains("利用目的", html, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filled_worker_form_stores_the_case_and_shows_its_reference()
    {
        var email = Infrastructure.Inquiries.UniqueEmail("form");
        var form = await OpenFormAsync("/inquiries/worker");
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // the minimum fill time in the test host

        var review = await client.PostAsync("/inquiries/worker", Fields(form, email));
        Assert.Contains("入力内容の確認", await review.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var response = await client.PostAsync("/inquiries/worker?handler=Send", Fields(form, email));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reference = ReferencePattern().Match(html).Value;
        Assert.NotEmpty(reference);
        var stored = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Reference == reference));
        Assert.Equal(email, stored.Email);
        Assert.Equal(ConsultDesk.Domain.IntakeSource.WebForm, stored.Source);
        Assert.Equal("ヤマダ", stored.FamilyNameKana);
    }

    [Fact]
    public async Task Form_errors_are_shown_beside_their_fields_and_nothing_is_stored()
    {
        var before = await app.CountCasesAsync();
        var form = await OpenFormAsync("/inquiries/worker");
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var fields = Fields(form, Infrastructure.Inquiries.UniqueEmail("form"), consent: false, email: "not-an-address");

        var response = await client.PostAsync("/inquiries/worker", fields);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("個人情報の取扱いへの同意が必要です。", html, StringComparison.Ordinal);
        Assert.Contains("id=\"f-Email-error\"", html, StringComparison.Ordinal);
        Assert.Matches("id=\"f-Email\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains("value=\"not-an-address\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await app.CountCasesAsync());
    }

    [Fact]
    public async Task A_filled_honeypot_or_an_instant_post_stores_nothing()
    {
        var before = await app.CountCasesAsync();
        var form = await OpenFormAsync("/inquiries/worker");
        var instant = await client.PostAsync("/inquiries/worker", Fields(form, Infrastructure.Inquiries.UniqueEmail("bot")));
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var honeypot = await client.PostAsync("/inquiries/worker", Fields(form, Infrastructure.Inquiries.UniqueEmail("bot"), website: "http://spam.example"));

        Assert.Contains("送信が早すぎたため受け付けられませんでした", await instant.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotMatch(ReferencePattern(), await honeypot.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.CountCasesAsync());
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var before = await app.CountCasesAsync();
        var form = await OpenFormAsync("/inquiries/worker");
        var fields = Fields(form with { Token = "forged" }, Infrastructure.Inquiries.UniqueEmail("csrf"));

        var response = await client.PostAsync("/inquiries/worker", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.CountCasesAsync());
    }

    private sealed record FormState(string Token, string IssuedAt);

    private async Task<FormState> OpenFormAsync(string path)
    {
        var html = await client.GetStringAsync(path);
        return new FormState(
            HiddenValue().Match(html).Groups[1].Value,
            IssuedAtValue().Match(html).Groups[1].Value);
    }

    private static FormUrlEncodedContent Fields(FormState form, string uniqueEmail, bool consent = true, string? email = null, string? website = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", form.Token),
            new("IssuedAt", form.IssuedAt),
            new("Website", website ?? ""),
            new("Form.FamilyName", "山田"),
            new("Form.GivenName", "花子"),
            new("Form.FamilyNameKana", "やまだ"),
            new("Form.GivenNameKana", "ハナコ"),
            new("Form.Email", email ?? uniqueEmail),
            new("Form.EmailConfirmation", email ?? uniqueEmail),
            new("Form.Phone", "090-1111-2222"),
            new("Form.PrefectureCode", "32"),
            new("Form.Topics", "relocation"),
            new("Form.Topics", "workation"),
            new("Form.PreferredChannel", "email"),
            new("Form.Slots[0]", ""),
            new("Form.Language", "ja"),
            new("Form.Subject", "島根への移住について"),
            new("Form.Message", "仕事を続けながら移住できますか。"),
        };
        if (consent) fields.Add(new("Form.PrivacyConsent", "true"));
        return new FormUrlEncodedContent(fields);
    }

    [GeneratedRegex("CD-\\d{4}-\\d{6}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex HiddenValue();

    [GeneratedRegex("name=\"IssuedAt\" value=\"([^\"]+)\"")]
    private static partial Regex IssuedAtValue();
}
