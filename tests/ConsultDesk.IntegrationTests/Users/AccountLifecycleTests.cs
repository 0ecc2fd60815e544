using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Users;

/// <summary>Issue 11, acceptance 2: admins manage staff accounts over their whole life, and a disabled user's sessions end at once.</summary>
public abstract partial class AccountLifecycleTests(ConsultDeskAppFactory app)
{
    private const string Password = "Staff-Password-2026";

    [Fact]
    public async Task Disabling_a_consultant_ends_their_token_and_browser_session_at_once_and_enabling_lets_them_sign_in_again()
    {
        using var admin = await Staff.AdminAsync(app);
        var (email, id) = await NewUserAsync(admin, "consultant");
        using var api = await Staff.ClientAsync(app, email, Password);
        using var browser = await BrowserAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/desk")).StatusCode);

        var disabled = await admin.PostAsync($"/api/v1/users/{id}/disable", null);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabled").GetBoolean());
        // The token has hours left, yet the very next call is refused; the browser is sent back to sign in.
        var apiAfter = await api.GetAsync("/api/v1/users/me");
        Assert.Equal(HttpStatusCode.Unauthorized, apiAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/cases")).StatusCode);
        var pageAfter = await browser.GetAsync("/desk");
        Assert.Equal(HttpStatusCode.Redirect, pageAfter.StatusCode);
        Assert.StartsWith("/signin", pageAfter.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        // A disabled user cannot sign in again, on the API or the page, even with the right password.
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostSignInAsync(NoRedirects(), email, Password)).StatusCode);

        var enabled = await admin.PostAsync($"/api/v1/users/{id}/enable", null);

        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.False((await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabled").GetBoolean());
        using var again = await Staff.ClientAsync(app, email, Password);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/users/me")).StatusCode);
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users");
        Assert.False(list.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("id").GetGuid() == id).GetProperty("disabled").GetBoolean());
    }

    [Fact]
    public async Task A_session_ended_by_another_node_stops_working_here_within_the_session_check_cache()
    {
        using var admin = await Staff.AdminAsync(app);
        var (email, id) = await NewUserAsync(admin, "consultant");
        using var api = await Staff.ClientAsync(app, email, Password);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/users/me")).StatusCode);

        // Another node rotates the stamp: a write this process's change tracker never sees.
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.SecurityStamp, "ROTATED-BY-ANOTHER-NODE")));
        var rotated = System.Diagnostics.Stopwatch.StartNew();

        // This node trusts its recent check for ConsultDesk:Auth:SessionCheckCacheDuration (5 s), then asks again.
        HttpStatusCode status;
        do
        {
            status = (await api.GetAsync("/api/v1/users/me")).StatusCode;
            if (status == HttpStatusCode.OK) await Task.Delay(200);
        }
        while (status == HttpStatusCode.OK && rotated.Elapsed < TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(rotated.Elapsed < TimeSpan.FromSeconds(7), $"refused only after {rotated.Elapsed}");
    }

    [Fact]
    public async Task A_password_reset_mail_arrives_and_its_link_works_once()
    {
        using var admin = await Staff.AdminAsync(app);
        var (email, id) = await NewUserAsync(admin, "consultant");
        using var oldSession = await Staff.ClientAsync(app, email, Password);

        var requested = await admin.PostAsync($"/api/v1/users/{id}/password-reset", null);

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var token = await ResetTokenFromMailAsync(email);
        // Only the token's hash is stored; the sent outbox row holds it neither in clear nor sealed.
        await WaitUntilAsync(() => app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.ToAddress == email && m.Kind == "password-reset" && m.SentAt != null)));
        Assert.False(await app.WithDbAsync(db => db.PasswordResetTokens.AnyAsync(t => t.TokenHash == token)));
        Assert.False(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.TextBody.Contains(token) || (m.ToAddress == email && m.ProtectedSecret != null))));

        // First use: the page behind the link sets the new password.
        using var browser = NoRedirects();
        var form = await browser.GetStringAsync($"/reset-password?token={token}");
        var done = await browser.PostAsync("/reset-password", new FormUrlEncodedContent([
            new("__RequestVerificationToken", AntiforgeryToken(form)), new("Token", token), new("newPassword", "Brand-New-Pass-2026")]));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("新しいパスワードを設定しました", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Second use is refused, on the API as on the page.
        using var anonymous = app.CreateClient();
        var second = await anonymous.PostAsJsonAsync("/api/v1/auth/password-reset/complete", new { token, newPassword = "Another-Pass-2026" });
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.True((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("token", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Brand-New-Pass-2026" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Another-Pass-2026" })).StatusCode);
        // The reset ended the sessions held before it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldSession.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_any_address_and_mails_only_an_existing_account()
    {
        using var admin = await Staff.AdminAsync(app);
        var (email, _) = await NewUserAsync(admin, "manager");
        var stranger = $"nobody-{Guid.NewGuid():N}@consultdesk.test";
        using var anonymous = app.CreateClient();

        var unknown = await anonymous.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = stranger });
        var known = await anonymous.PostAsJsonAsync("/api/v1/auth/password-reset", new { email });

        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());
        var token = await ResetTokenFromMailAsync(email);
        Assert.Empty(SmtpSink.MessagesTo([stranger]));
        var reset = await anonymous.PostAsJsonAsync("/api/v1/auth/password-reset/complete", new { token, newPassword = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        Assert.True((await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("newPassword", out _));
        // A refused password does not use the link up.
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync("/api/v1/auth/password-reset/complete", new { token, newPassword = "Forgot-Then-Found-2026" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Forgot-Then-Found-2026" })).StatusCode);
    }

    [Fact]
    public async Task A_role_change_ends_the_users_sessions_and_the_new_roles_apply_at_the_next_sign_in()
    {
        using var admin = await Staff.AdminAsync(app);
        var (email, id) = await NewUserAsync(admin, "consultant");
        using var before = await Staff.ClientAsync(app, email, Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await before.GetAsync("/api/v1/reports/caseload")).StatusCode);

        var changed = await admin.PutAsJsonAsync($"/api/v1/users/{id}/roles", new { roles = new[] { "manager" } });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("manager", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles")[0].GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/v1/users/me")).StatusCode);
        using var after = await Staff.ClientAsync(app, email, Password);
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/api/v1/reports/caseload")).StatusCode);
        var me = await after.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        Assert.Equal(["manager"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        // Bad input is a field error or a 404, never a 500; a consultant may not change roles.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/v1/users/{id}/roles", new { roles = new[] { "root" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/v1/users/{id}/roles", new { roles = Array.Empty<string>() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/v1/users/{Guid.NewGuid()}/roles", new { roles = new[] { "manager" } })).StatusCode);
        var (_, _, consultant) = await NewUserClientAsync(admin, "consultant");
        using (consultant)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await consultant.PutAsJsonAsync($"/api/v1/users/{id}/roles", new { roles = new[] { "admin" } })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await consultant.PostAsync($"/api/v1/users/{id}/disable", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await consultant.GetAsync("/api/v1/users/audit")).StatusCode);
        }
    }

    [Fact]
    public async Task A_user_changes_their_own_password_with_the_current_one_on_the_api_and_the_page()
    {
        using var admin = await Staff.AdminAsync(app);
        var (email, _, api) = await NewUserClientAsync(admin, "consultant");
        using var otherBrowser = await BrowserAsync(email, Password);

        var wrong = await api.PostAsJsonAsync("/api/v1/users/me/password", new { currentPassword = "not-my-password", newPassword = "Changed-Pass-2026" });
        var weak = await api.PostAsJsonAsync("/api/v1/users/me/password", new { currentPassword = Password, newPassword = "short" });
        var changed = await api.PostAsJsonAsync("/api/v1/users/me/password", new { currentPassword = Password, newPassword = "Changed-Pass-2026" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("currentPassword", out _));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("newPassword", out _));
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await otherBrowser.GetAsync("/desk")).StatusCode);
        api.Dispose();

        // On the page: this browser stays signed in after the change.
        using var browser = await BrowserAsync(email, "Changed-Pass-2026");
        var form = await browser.GetStringAsync("/desk/password");
        var posted = await browser.PostAsync("/desk/password", new FormUrlEncodedContent([
            new("__RequestVerificationToken", AntiforgeryToken(form)), new("currentPassword", "Changed-Pass-2026"), new("newPassword", "Changed-Again-2026")]));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/desk")).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Changed-Again-2026" })).StatusCode);
    }

    [Fact]
    public async Task The_audit_list_and_its_csv_hold_sign_ins_and_account_changes_without_secrets()
    {
        using var admin = await Staff.AdminAsync(app);
        var adminId = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/users/me")).GetProperty("id").GetGuid();
        var (email, id) = await NewUserAsync(admin, "consultant");
        using var anonymous = app.CreateClient();
        await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Wrong-Password-99" });
        using (var user = await Staff.ClientAsync(app, email, Password))
            await user.PostAsJsonAsync("/api/v1/users/me/password", new { currentPassword = Password, newPassword = "Audited-Pass-2026" });
        await admin.PutAsJsonAsync($"/api/v1/users/{id}/roles", new { roles = new[] { "consultant", "manager" } });
        await admin.PostAsync($"/api/v1/users/{id}/password-reset", null);
        await admin.PostAsync($"/api/v1/users/{id}/disable", null);
        await admin.PostAsync($"/api/v1/users/{id}/enable", null);
        using (var browser = await BrowserAsync(email, "Audited-Pass-2026"))
        {
            var page = await browser.GetStringAsync("/desk");
            await browser.PostAsync("/signout", new FormUrlEncodedContent([new("__RequestVerificationToken", AntiforgeryToken(page))]));
        }

        var events = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users/audit?limit=20" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            events.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null && !events.Any(e => e.GetProperty("kind").GetString() == "created" && e.GetProperty("subjectUserId").GetString() == id.ToString()));
        var mine = events.Where(e => e.GetProperty("subjectUserId").ValueKind == JsonValueKind.String && e.GetProperty("subjectUserId").GetGuid() == id).ToList();

        // Newest first, each with its actor, kind and the client's address.
        Assert.Equal(
            ["signed-out", "signed-in", "enabled", "disabled", "password-reset-requested", "roles-changed", "password-changed", "signed-in", "sign-in-failed", "created"],
            mine.Select(e => e.GetProperty("kind").GetString()));
        var times = events.Select(e => e.GetProperty("occurredAt").GetDateTime()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.All(mine, e => Assert.Equal("127.0.0.1", e.GetProperty("clientIp").GetString()));
        Assert.Equal(adminId, mine.Single(e => e.GetProperty("kind").GetString() == "disabled").GetProperty("actorUserId").GetGuid());
        Assert.Equal(JsonValueKind.Null, mine.Single(e => e.GetProperty("kind").GetString() == "sign-in-failed").GetProperty("actorUserId").ValueKind);

        var csv = await admin.GetAsync("/api/v1/users/audit.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("日時,イベント,操作したユーザーID", lines[0], StringComparison.Ordinal);
        foreach (var kind in new[] { "created", "sign-in-failed", "signed-in", "password-changed", "roles-changed", "password-reset-requested", "disabled", "enabled", "signed-out" })
            Assert.Contains(lines, l => l.Contains($",{kind},", StringComparison.Ordinal) && l.Contains(id.ToString(), StringComparison.Ordinal));
        foreach (var secret in new[] { Password, "Wrong-Password-99", "Audited-Pass-2026" })
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);

        using var adminBrowser = await BrowserAsync(ConsultDeskAppFactory.AdminEmail, ConsultDeskAppFactory.AdminPassword);
        var desk = await adminBrowser.GetAsync("/desk/users/audit");
        Assert.Equal(HttpStatusCode.OK, desk.StatusCode);
        Assert.Contains("ロール変更", await desk.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_manage_users_on_the_desk_page()
    {
        using var admin = await Staff.AdminAsync(app);
        var (email, id) = await NewUserAsync(admin, "consultant");
        using var browser = await BrowserAsync(ConsultDeskAppFactory.AdminEmail, ConsultDeskAppFactory.AdminPassword);

        async Task<HttpResponseMessage> PostAsync(string handler, params KeyValuePair<string, string>[] fields)
        {
            var page = await browser.GetStringAsync("/desk/users");
            return await browser.PostAsync($"/desk/users?handler={handler}", new FormUrlEncodedContent([
                new("__RequestVerificationToken", AntiforgeryToken(page)), new("id", id.ToString()), .. fields]));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("Roles", new("roles", "consultant"), new("roles", "manager"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("Disable")).StatusCode);
        var list = await browser.GetStringAsync("/desk/users");
        Assert.Contains("ユーザーを無効にしました", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("Enable")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("Reset")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync("Roles")).StatusCode);

        var me = await (await Staff.ClientAsync(app, email, Password)).GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        Assert.Equal(["consultant", "manager"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Order());
        await ResetTokenFromMailAsync(email);
    }

    [Fact]
    public async Task Two_factor_sign_in_needs_a_code_from_the_app_or_a_recovery_code_used_once()
    {
        using var admin = await Staff.AdminAsync(app);
        var (email, id) = await NewUserAsync(admin, "consultant");
        using var first = await Staff.ClientAsync(app, email, Password);

        var setup = await first.PostAsync("/api/v1/users/me/two-factor/setup", null);
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        var key = (await setup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/v1/users/me")).StatusCode);
        using var second = await Staff.ClientAsync(app, email, Password);
        var wrong = await second.PostAsJsonAsync("/api/v1/users/me/two-factor", new { code = "000000" == Totp(key) ? "111111" : "000000" });
        var enabled = await second.PostAsJsonAsync("/api/v1/users/me/two-factor", new { code = Totp(key) });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var recovery = (await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, recovery.Count);
        using var anonymous = app.CreateClient();
        var passwordOnly = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, passwordOnly.StatusCode);
        Assert.True((await passwordOnly.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("twoFactorRequired").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password, twoFactorCode = Totp(key) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password, recoveryCode = recovery[0] })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password, recoveryCode = recovery[0] })).StatusCode);

        // The page asks for the code after the password.
        using var browser = NoRedirects();
        var afterPassword = await PostSignInAsync(browser, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, afterPassword.StatusCode);
        Assert.StartsWith("/signin/two-factor", afterPassword.Headers.Location!.OriginalString.Replace(app.BaseAddress.ToString().TrimEnd('/'), ""), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/desk")).StatusCode);
        var form = await browser.GetStringAsync("/signin/two-factor");
        var signedIn = await browser.PostAsync("/signin/two-factor", new FormUrlEncodedContent([
            new("__RequestVerificationToken", AntiforgeryToken(form)), new("Code", Totp(key))]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/desk")).StatusCode);

        // Phone and recovery codes lost: an admin turns two-factor off, and the password alone signs in again.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{id}/two-factor/reset", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/desk")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password })).StatusCode);
    }

    /// <summary>RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits), as an authenticator app computes it from the base32 key.</summary>
    private static string Totp(string base32Key)
    {
        var bits = string.Concat(base32Key.TrimEnd('=').ToUpperInvariant()
            .Select(c => Convert.ToString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".IndexOf(c), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var step = BitConverter.GetBytes(System.Net.IPAddress.HostToNetworkOrder(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30));
        var hash = System.Security.Cryptography.HMACSHA1.HashData(key, step);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    // ---- helpers ----

    private HttpClient NoRedirects() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };

    private static string AntiforgeryToken(string html) =>
        AntiforgeryPattern().Match(html).Groups[1].Value is { Length: > 0 } token ? token : throw new InvalidOperationException("No antiforgery token on the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();

    [GeneratedRegex(@"/reset-password\?token=([A-Za-z0-9_-]{43})")]
    private static partial Regex ResetLinkPattern();

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/signin");
        return await client.PostAsync("/signin", new FormUrlEncodedContent([
            new("__RequestVerificationToken", AntiforgeryToken(form)), new("Email", email), new("Password", password)]));
    }

    /// <summary>A browser (cookies, no redirects followed) signed in on the page.</summary>
    private async Task<HttpClient> BrowserAsync(string email, string password)
    {
        var client = NoRedirects();
        var response = await PostSignInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<(string Email, Guid Id)> NewUserAsync(HttpClient admin, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@consultdesk.test";
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = $"{role} 次郎", password = Password, roles = new[] { role } });
        created.EnsureSuccessStatusCode();
        return (email, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private async Task<(string Email, Guid Id, HttpClient Client)> NewUserClientAsync(HttpClient admin, string role)
    {
        var (email, id) = await NewUserAsync(admin, role);
        return (email, id, await Staff.ClientAsync(app, email, Password));
    }

    /// <summary>The token of the newest reset link mailed to the address, read from what the SMTP sink received.</summary>
    private static async Task<string> ResetTokenFromMailAsync(string email)
    {
        var messages = await SmtpSink.WaitForAsync([email], TimeSpan.FromSeconds(30));
        var mail = Assert.Single(messages);
        Assert.Contains("パスワード再設定", mail.Subject, StringComparison.Ordinal);
        var match = ResetLinkPattern().Match(mail.TextBody ?? "");
        Assert.True(match.Success, "The mail carries a reset link.");
        return match.Groups[1].Value;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within 30 seconds.");
            await Task.Delay(100);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAccountLifecycleTests(SqliteApp app) : AccountLifecycleTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAccountLifecycleTests(PostgresApp app) : AccountLifecycleTests(app);
