using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Users;

/// <summary>An app of its own: these tests need to know every admin there is, and a strict "forgot password" limit.</summary>
public sealed class AccountGuardApp() : ConsultDeskAppFactory("Sqlite")
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["ConsultDesk:Auth:PasswordResetRequestsPerIpPerHour"] = "2",
    };
}

[CollectionDefinition(Name)]
public sealed class AccountGuardCollection : ICollectionFixture<AccountGuardApp>
{
    public const string Name = "app with one admin";
}

[Collection(AccountGuardCollection.Name)]
public sealed class AccountGuardTests(AccountGuardApp app)
{
    [Fact]
    public async Task The_last_active_admin_cannot_lose_the_role_or_be_disabled_and_no_admin_disables_themselves()
    {
        using var first = await Staff.AdminAsync(app);
        var firstId = (await first.GetFromJsonAsync<JsonElement>("/api/v1/users/me")).GetProperty("id").GetGuid();

        var demoteAlone = await first.PutAsJsonAsync($"/api/v1/users/{firstId}/roles", new { roles = new[] { "manager" } });
        var disableSelf = await first.PostAsync($"/api/v1/users/{firstId}/disable", null);

        Assert.Equal(HttpStatusCode.Conflict, demoteAlone.StatusCode);
        Assert.Equal("application/problem+json", demoteAlone.Content.Headers.ContentType?.MediaType);
        Assert.Contains("最後の有効な管理者", (await demoteAlone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, disableSelf.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/users/me")).StatusCode);

        // With a second admin, the first may step down; the second is then the last and is guarded in turn.
        var email = $"admin-{Guid.NewGuid():N}@consultdesk.test";
        var created = await first.PostAsJsonAsync("/api/v1/users", new { email, displayName = "第二 管理者", password = "Second-Admin-2026", roles = new[] { "admin" } });
        var secondId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var second = await Staff.ClientAsync(app, email, "Second-Admin-2026");

        Assert.Equal(HttpStatusCode.OK, (await first.PutAsJsonAsync($"/api/v1/users/{firstId}/roles", new { roles = new[] { "manager" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await second.PutAsJsonAsync($"/api/v1/users/{secondId}/roles", new { roles = new[] { "consultant" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsync($"/api/v1/users/{secondId}/disable", null)).StatusCode);
        // A disabled admin does not count: re-promote the first, disable them, and the second is the last active admin again.
        Assert.Equal(HttpStatusCode.OK, (await second.PutAsJsonAsync($"/api/v1/users/{firstId}/roles", new { roles = new[] { "admin" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.PostAsync($"/api/v1/users/{firstId}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await second.PutAsJsonAsync($"/api/v1/users/{secondId}/roles", new { roles = new[] { "manager" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.PostAsync($"/api/v1/users/{firstId}/enable", null)).StatusCode);
    }

    [Fact]
    public async Task Forgot_password_requests_are_limited_per_client_address()
    {
        using var anonymous = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await anonymous.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = $"someone-{i}@consultdesk.test" })).StatusCode);
        var page = await anonymous.GetAsync("/forgot-password");

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
