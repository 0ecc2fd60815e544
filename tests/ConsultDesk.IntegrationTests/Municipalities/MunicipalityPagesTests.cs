using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ConsultDesk.Domain;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Municipalities;

/// <summary>The municipality pages as a consultant uses them: signed in with the cookie, posting forms with their anti-forgery token.</summary>
[Collection(SqliteCollection.Name)]
public sealed partial class MunicipalityPagesTests(SqliteApp app)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

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

    [Fact]
    public async Task The_list_shows_sample_profiles_and_the_editor_creates_a_profile_with_an_office_from_the_blank_row()
    {
        using var client = await SignedInAsync();
        var list = await client.GetStringAsync("/desk/municipalities?prefecture=36");
        Assert.Contains("神山町", list, StringComparison.Ordinal);

        var code = "37805" + LocalGovernmentCode.CheckDigit("37805");
        var editor = await client.GetStringAsync($"/desk/municipalities/{code}");
        Assert.Contains("name=\"Form.Offices[0].Name\"", editor, StringComparison.Ordinal);
        var saved = await client.PostAsync($"/desk/municipalities/{code}", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(editor)), new("Version", "0"),
            new("Form.Name", "画面町"), new("Form.ContactDepartment", "企画課"), new("Form.ContactEmail", "kikaku@example.jp"),
            new("Form.WelcomedIndustries", "G"), new("Form.IsPublished", "true"),
            new("Form.Offices[0].Name", "画面町オフィス"), new("Form.Offices[0].Address", "香川県画面町1-1"), new("Form.Offices[0].Seats", "8"),
            new("Form.Offices[0].AvailableSeats", "3"), new("Form.Offices[0].MonthlyFeePerSeat", "4000"), new("Form.Offices[0].TravelMinutesFromTokyo", "200"),
            new("Form.Incentives[0].Name", ""), new("Form.Incentives[0].Kind", "subsidy")]));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await client.GetStringAsync($"/desk/municipalities/{code}");
        Assert.Contains("value=\"画面町オフィス\"", after, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.Offices[1].Name\"", after, StringComparison.Ordinal); // a fresh blank row
        Assert.Contains("name=\"Version\" value=\"1\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_save_shows_each_problem_beside_its_field_and_under_its_row_and_saves_nothing()
    {
        using var client = await SignedInAsync();
        var code = "37806" + LocalGovernmentCode.CheckDigit("37806");
        var editor = await client.GetStringAsync($"/desk/municipalities/{code}");
        var refused = await client.PostAsync($"/desk/municipalities/{code}", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(editor)), new("Version", "0"),
            new("Form.Name", ""), new("Form.ContactDepartment", "企画課"), new("Form.ContactEmail", "kikaku@example.jp"),
            new("Form.Offices[0].Name", "正しいオフィス"), new("Form.Offices[0].Address", "香川県1-1"),
            new("Form.Offices[1].Name", "誤りのあるオフィス"), new("Form.Offices[1].Address", ""), new("Form.Offices[1].Seats", "99999")]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("aria-describedby=\"name-error\"", page, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"name-error\">団体名を入力してください。</p>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"dept-error\"", page, StringComparison.Ordinal);
        // Only the second office has problems, and both of them are listed under it, in the row the user typed them.
        var rowError = System.Text.RegularExpressions.Regex.Match(page, "<tr class=\"row-error\"><td colspan=\"9\" data-label=\"(.*?)\">(.*?)</td></tr>");
        Assert.Equal("2行目の誤り", rowError.Groups[1].Value);
        Assert.Contains("所在地を入力してください。", rowError.Groups[2].Value, StringComparison.Ordinal);
        Assert.Contains("席数は0〜10000の範囲で入力してください。", rowError.Groups[2].Value, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "class=\"row-error\""));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/municipalities/{code}")).StatusCode);
    }

    [Fact]
    public async Task Uploading_a_bad_file_shows_the_row_and_column_and_imports_nothing()
    {
        using var client = await SignedInAsync();
        var page = await client.GetStringAsync("/desk/municipalities");
        var code = "37806" + LocalGovernmentCode.CheckDigit("37806");
        var csv = "record,code,name,contact_department,contact_email,office_name,office_address,seats,available_seats\r\n" +
                  $"office,{code},誤り町,企画課,a@example.jp,誤りオフィス,香川県誤り町1,2,5\r\n";
        using var form = new MultipartFormDataContent { { new StringContent(Token(page)), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "bad.csv");

        var response = await client.PostAsync("/desk/municipalities?handler=Import", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("<td>2</td><td>available_seats</td>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/desk/municipalities/{code}X")).StatusCode);
        Assert.DoesNotContain("value=\"誤り町\"", await client.GetStringAsync($"/desk/municipalities/{code}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_import_api_refuses_a_cookie_caller_without_the_anti_forgery_token()
    {
        using var client = await SignedInAsync();
        var code = "37807" + LocalGovernmentCode.CheckDigit("37807");
        var csv = $"record,code,name,contact_department,contact_email\r\nprofile,{code},偽装町,企画課,a@example.jp\r\n";

        var response = await client.PostAsync("/api/v1/municipalities/import", new StringContent(csv, Encoding.UTF8, "text/plain"));

        // CookieWriteGuard refuses every cookie-authenticated API write without the header or token (issue 11).
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("value=\"偽装町\"", await client.GetStringAsync($"/desk/municipalities/{code}"), StringComparison.Ordinal);
    }
}
