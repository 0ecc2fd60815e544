using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Users;

public abstract class AuthTests(ConsultDeskAppFactory app)
{
    [Theory]
    [InlineData("GET", "/api/v1/users/me")]
    [InlineData("GET", "/api/v1/users")]
    [InlineData("POST", "/api/v1/users")]
    [InlineData("GET", "/api/v1/cases")]
    [InlineData("GET", "/api/v1/cases/CD-2026-000001")]
    [InlineData("POST", "/api/v1/cases/CD-2026-000001/claim")]
    [InlineData("PUT", "/api/v1/cases/CD-2026-000001/assignee")]
    [InlineData("DELETE", "/api/v1/cases/CD-2026-000001/assignee")]
    [InlineData("POST", "/api/v1/cases/CD-2026-000001/transitions")]
    [InlineData("POST", "/api/v1/cases/CD-2026-000001/merge")]
    [InlineData("POST", "/api/v1/cases/CD-2026-000001/notes")]
    [InlineData("POST", "/api/v1/cases/CD-2026-000001/consultations")]
    [InlineData("POST", "/api/v1/cases/CD-2026-000001/tasks")]
    [InlineData("PATCH", "/api/v1/cases/CD-2026-000001/tasks/01a2193e-ab8d-7bd1-8ce5-98b41b7bf446")]
    [InlineData("POST", "/api/v1/cases/CD-2026-000001/messages")]
    public async Task Anonymous_api_calls_get_401_problems(string method, string path)
    {
        using var client = app.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_bootstrap_admin_creates_a_consultant_who_signs_in_and_cannot_create_users()
    {
        using var admin = await Staff.AdminAsync(app);
        var email = $"consultant-{Guid.NewGuid():N}@consultdesk.test";

        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "相談員 花子", password = "Consultant-2026", roles = new[] { "consultant" } });
        using var consultant = await Staff.ClientAsync(app, email, "Consultant-2026");
        var me = await consultant.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        var forbidden = await consultant.PostAsJsonAsync("/api/v1/users", new { email = "x@consultdesk.test", displayName = "x", password = "Whatever-2026", roles = new[] { "admin" } });
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("相談員 花子", me.GetProperty("displayName").GetString());
        Assert.Equal("consultant", me.GetProperty("roles")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), u => u.GetProperty("email").GetString() == email);
        Assert.Equal(HttpStatusCode.Forbidden, (await consultant.GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_gets_no_token_and_repeated_failures_lock_the_account()
    {
        using var admin = await Staff.AdminAsync(app);
        var email = $"lock-{Guid.NewGuid():N}@consultdesk.test";
        await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "ロック 確認", password = "Correct-Horse-1", roles = new[] { "consultant" } });
        using var client = app.CreateClient();

        var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "wrong-password" });
        for (var i = 0; i < 4; i++) await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "wrong-password" });
        var lockedOut = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Correct-Horse-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("accessToken", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, lockedOut.StatusCode);
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8forged-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Fact]
    public async Task A_weak_password_is_a_field_error()
    {
        using var admin = await Staff.AdminAsync(app);

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email = $"weak-{Guid.NewGuid():N}@consultdesk.test", displayName = "弱い", password = "short", roles = new[] { "consultant" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAuthTests(SqliteApp app) : AuthTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuthTests(PostgresApp app) : AuthTests(app);
