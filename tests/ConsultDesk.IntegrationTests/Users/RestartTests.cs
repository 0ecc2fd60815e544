using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Users;

/// <summary>After a restart, users, issued tokens (Data Protection keys persist) and case state are intact.</summary>
[Collection(Inquiries.CrashCollection.Name)]
public sealed class RestartTests
{
    [Fact]
    public async Task Users_tokens_and_case_state_survive_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("consultdesk-restart-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["ConsultDesk:DataDirectory"] = data,
            ["ConsultDesk:Bootstrap:AdminEmail"] = "admin@restart.test",
            ["ConsultDesk:Bootstrap:AdminPassword"] = "Restart-Admin-2026",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        string token, reference;
        await using (var first = await AppProcess.StartAsync(settings))
        {
            using var client = new HttpClient { BaseAddress = first.BaseAddress };
            token = await Staff.TokenAsync(client, "admin@restart.test", "Restart-Admin-2026");
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var submitted = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Worker());
            reference = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
            (await client.PostAsync($"/api/v1/cases/{reference}/claim", null)).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync($"/api/v1/cases/{reference}/transitions", new { to = "triaged" })).EnsureSuccessStatusCode();
        }

        await using var second = await AppProcess.StartAsync(settings);
        using var again = new HttpClient { BaseAddress = second.BaseAddress };
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var me = await again.GetAsync("/api/v1/users/me");
        var detail = await again.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("triaged", detail.GetProperty("status").GetString());
        Assert.Equal("管理者", detail.GetProperty("assignee").GetProperty("displayName").GetString());
        using var fresh = new HttpClient { BaseAddress = second.BaseAddress };
        Assert.NotEmpty(await Staff.TokenAsync(fresh, "admin@restart.test", "Restart-Admin-2026"));
    }
}
