using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ConsultDesk.IntegrationTests.Infrastructure;

/// <summary>Signs staff in over the API and hands out clients that carry their bearer tokens.</summary>
public static class Staff
{
    public static async Task<string> TokenAsync(HttpClient client, string email, string password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static async Task<HttpClient> ClientAsync(ConsultDeskAppFactory app, string email, string password)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, email, password));
        return client;
    }

    public static Task<HttpClient> AdminAsync(ConsultDeskAppFactory app) =>
        ClientAsync(app, ConsultDeskAppFactory.AdminEmail, ConsultDeskAppFactory.AdminPassword);

    /// <summary>Creates a user with the given roles (through the admin API) and returns a client signed in as them.</summary>
    public static async Task<(HttpClient Client, Guid Id)> NewUserAsync(ConsultDeskAppFactory app, string role, string? displayName = null)
    {
        using var admin = await AdminAsync(app);
        var email = $"{role}-{Guid.NewGuid():N}@consultdesk.test";
        const string password = "Staff-Password-2026";
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = displayName ?? $"{role} 太郎", password, roles = new[] { role } });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (await ClientAsync(app, email, password), id);
    }
}
