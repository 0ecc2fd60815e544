using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConsultDesk.Domain;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Municipalities;

public abstract class MunicipalityProfileTests(ConsultDeskAppFactory app)
{
    private const string Header =
        "record,code,name,name_kana,contact_department,contact_email,contact_phone,description,welcomed_industries,welcomed_company_sizes," +
        "welcomes_workation,welcomes_relocation,published,sample,office_name,office_address,seats,available_seats,monthly_fee_per_seat," +
        "bandwidth_mbps,meeting_rooms,opening_hours,travel_minutes_from_tokyo,incentive_name,incentive_kind,cap_yen,rate,eligibility,available_from,available_until";

    /// <summary>A valid 団体コード in the unused 8xx block, so no sample or generated profile has it.</summary>
    private static string Code(string fiveDigits) => fiveDigits + LocalGovernmentCode.CheckDigit(fiveDigits);

    private static string OfficeRow(string code, string name, int seats, int available) =>
        $"office,{code},{name},,企画課,kikaku-{code}@example.jp,,,,,false,false,true,false,{name}オフィス,{name}1-1,{seats},{available},5000,1000,1,平日 9:00～18:00,200,,,,,,,";

    private static async Task<JsonElement> ListAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/municipalities?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
    }

    private static object Profile(string name, int seats = 10, int available = 4) => new
    {
        name,
        contactDepartment = "企画課",
        contactEmail = "kikaku@example.jp",
        welcomedIndustries = new[] { "G" },
        welcomedCompanySizes = new[] { "small" },
        isPublished = true,
        offices = new[] { new { name = $"{name}オフィス", address = $"{name}1-1", seats, availableSeats = available, monthlyFeePerSeat = 5000, bandwidthMbps = 1000, meetingRooms = 1, openingHours = "平日 9:00〜18:00", travelMinutesFromTokyo = 200 } },
        incentives = new[] { new { name = "開設補助金", kind = "subsidy", capYen = 1_000_000, rate = "1/2", eligibility = "進出する法人", availableFrom = "2026-04-01", availableUntil = "2027-03-31" } },
    };

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string code, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/municipalities/{code}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_consultant_lists_the_sample_profiles_page_by_page_in_code_order()
    {
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");

        var codes = new List<string>();
        string? after = null;
        do
        {
            var response = await (await consultant.GetAsync($"/api/v1/municipalities?limit=15{(after is null ? "" : "&after=" + after)}")).Content.ReadFromJsonAsync<JsonElement>();
            codes.AddRange(response.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!));
            after = response.GetProperty("next").GetString();
        } while (after is not null);

        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Contains("363421", codes); // 神山町
        Assert.Contains("472077", codes); // 石垣市
        var kamiyama = (await ListAsync(consultant, "q=神山")).EnumerateArray().Single(i => i.GetProperty("code").GetString() == "363421");
        Assert.Equal("神山町", kamiyama.GetProperty("name").GetString());
        Assert.True(kamiyama.GetProperty("isSample").GetBoolean());
        Assert.Equal("shikoku", kamiyama.GetProperty("region").GetString());
    }

    [Fact]
    public async Task Filters_narrow_the_list()
    {
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");

        var tokushima = await ListAsync(consultant, "prefecture=36&limit=100");
        Assert.All(tokushima.EnumerateArray(), i => Assert.Equal("36", i.GetProperty("prefectureCode").GetString()));
        Assert.Contains("363421", tokushima.EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.All((await ListAsync(consultant, "region=kyushu-okinawa&limit=100")).EnumerateArray(), i => Assert.Equal("kyushu-okinawa", i.GetProperty("region").GetString()));
        var free = await ListAsync(consultant, "hasFreeSeats=true&limit=100");
        Assert.NotEmpty(free.EnumerateArray());
        Assert.All(free.EnumerateArray(), i => Assert.True(i.GetProperty("availableSeats").GetInt32() > 0));
        var housing = await ListAsync(consultant, "incentiveKind=housing&limit=100");
        Assert.NotEmpty(housing.EnumerateArray());
        Assert.All(housing.EnumerateArray(), i => Assert.Contains("housing", i.GetProperty("incentiveKinds").EnumerateArray().Select(k => k.GetString())));
        var hidden = await ListAsync(consultant, "published=false&limit=100");
        Assert.All(hidden.EnumerateArray(), i => Assert.False(i.GetProperty("isPublished").GetBoolean()));
        Assert.Contains("294497", hidden.EnumerateArray().Select(i => i.GetProperty("code").GetString())); // 十津川村, shipped unpublished
        Assert.Equal(["363421"], (await ListAsync(consultant, "q=カミヤマ")).EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await consultant.GetAsync("/api/v1/municipalities?incentiveKind=loan")).StatusCode);
    }

    [Fact]
    public async Task Put_creates_then_replaces_guarded_by_if_match()
    {
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        var code = Code("36801");

        var created = await PutAsync(consultant, code, Profile("試験町"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"v1\"", created.Headers.ETag!.Tag);

        var read = await consultant.GetAsync($"/api/v1/municipalities/{code}");
        var json = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("\"v1\"", read.Headers.ETag!.Tag);
        Assert.Equal("36", json.GetProperty("prefectureCode").GetString());
        Assert.Equal(4, json.GetProperty("availableSeats").GetInt32());
        Assert.Equal(["subsidy"], json.GetProperty("incentiveKinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("開設補助金", json.GetProperty("profile").GetProperty("incentives")[0].GetProperty("name").GetString());

        var replaced = await PutAsync(consultant, code, Profile("試験町", seats: 20, available: 0), "\"v1\"");
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("\"v2\"", replaced.Headers.ETag!.Tag);
        Assert.Equal(0, (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("availableSeats").GetInt32());
        Assert.DoesNotContain(code, (await ListAsync(consultant, "prefecture=36&hasFreeSeats=true&limit=100")).EnumerateArray().Select(i => i.GetProperty("code").GetString()));

        var stale = await PutAsync(consultant, code, Profile("古い版の町"), "\"v1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);

        var invalid = await PutAsync(consultant, code, Profile("試験町", seats: 2, available: 3), "\"v2\"");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("offices[0].availableSeats", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(consultant, "363420", Profile("検査数字違い"))).StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        using var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/municipalities")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/municipalities/363421")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/municipalities/export.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/municipalities/import", new StringContent(Header, Encoding.UTF8, "text/csv"))).StatusCode);
    }

    [Fact]
    public async Task A_CP932_file_uploaded_as_a_form_imports()
    {
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        var code = Code("01802");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(932).GetBytes(Header + "\r\n" + OfficeRow(code, "雪見町", 12, 5) + "\r\n");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "municipalities.csv");

        var response = await consultant.PostAsync("/api/v1/municipalities/import", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cp932", result.GetProperty("encoding").GetString());
        Assert.Equal(1, result.GetProperty("created").GetInt32());
        var profile = (await (await consultant.GetAsync($"/api/v1/municipalities/{code}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("profile");
        Assert.Equal("雪見町", profile.GetProperty("name").GetString());
        Assert.Equal("平日 9:00～18:00", profile.GetProperty("offices")[0].GetProperty("openingHours").GetString());
    }

    [Fact]
    public async Task A_file_with_one_bad_row_imports_nothing_and_names_the_row_and_column()
    {
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        var good = Code("13803");
        var bad = Code("13804");
        var text = Header + "\r\n" + OfficeRow(good, "良い町", 10, 2) + "\r\n" + OfficeRow(bad, "悪い町", 3, 7) + "\r\n";

        var response = await consultant.PostAsync("/api/v1/municipalities/import", new StringContent(text, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = Assert.Single(problem.GetProperty("rows").EnumerateArray());
        Assert.Equal(3, error.GetProperty("row").GetInt32());
        Assert.Equal("available_seats", error.GetProperty("column").GetString());
        Assert.Equal("空き席数は席数以下にしてください。", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await consultant.GetAsync($"/api/v1/municipalities/{good}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await consultant.GetAsync($"/api/v1/municipalities/{bad}")).StatusCode);

        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/v1/municipalities/import") { Content = new StringContent(text, Encoding.UTF8, "text/csv") };
        english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var inEnglish = await (await consultant.SendAsync(english)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Available seats cannot exceed seats.", inEnglish.GetProperty("rows")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_export_imports_back_unchanged()
    {
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        var before = await (await consultant.GetAsync("/api/v1/municipalities/363421")).Content.ReadFromJsonAsync<JsonElement>();

        var export = await consultant.GetAsync("/api/v1/municipalities/export.csv");
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);

        // The shared test database also holds profiles other tests wrote straight into the tables, past the
        // import's rules; the round trip is about the shipped sample profiles, so only their rows go back.
        var lines = System.Text.Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n");
        var sampleRows = lines.Take(1).Concat(lines.Skip(1).Where(l => l.Contains(",sample-", StringComparison.Ordinal)));
        bytes = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", sampleRows) + "\r\n")];
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var imported = await consultant.PostAsync("/api/v1/municipalities/import", content);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var result = await imported.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, result.GetProperty("created").GetInt32());
        Assert.True(result.GetProperty("replaced").GetInt32() >= 40);

        var after = await (await consultant.GetAsync("/api/v1/municipalities/363421")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(before.GetProperty("version").GetInt32() + 1, after.GetProperty("version").GetInt32());
        Assert.Equal(before.GetProperty("profile").GetRawText(), after.GetProperty("profile").GetRawText());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteMunicipalityProfileTests(SqliteApp app) : MunicipalityProfileTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresMunicipalityProfileTests(PostgresApp app) : MunicipalityProfileTests(app);
