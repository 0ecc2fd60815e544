using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Inquiries;

[Collection(SqliteCollection.Name)]
public sealed class HostileInputTests(SqliteApp app)
{
    private readonly HttpClient client = app.CreateClient();

    private static string Valid(Action<JsonObject>? change = null)
    {
        var body = Infrastructure.Inquiries.Municipality(Infrastructure.Inquiries.UniqueEmail("hostile"));
        change?.Invoke(body);
        return body.ToJsonString();
    }

    /// <summary>Body, content type, expected status, and the field the problem must name (null: no field).</summary>
    public static TheoryData<string, string, string?, int, string?> Cases => new()
    {
        { "truncated JSON", "{\"inquirerType\":\"municipality\",\"contact\":{", "application/json", 400, null },
        { "not JSON at all", "inquirerType=municipality", "application/json", 400, null },
        { "empty body", "", "application/json", 400, null },
        { "JSON null", "null", "application/json", 400, null },
        { "JSON array", "[]", "application/json", 400, null },
        { "trailing garbage", Valid() + "}", "application/json", 400, null },
        { "deep nesting", new string('[', 5000) + new string(']', 5000), "application/json", 400, null },
        { "boolean as string", Valid(b => b["privacyConsent"] = "yes"), "application/json", 400, "privacyConsent" },
        { "number as enum", Valid(b => b["inquirerType"] = 1), "application/json", 400, "inquirerType" },
        { "unknown enum value", Valid(b => b["inquirerType"] = "alien"), "application/json", 400, "inquirerType" },
        { "unknown channel", Valid(b => b["preferredChannel"] = "fax"), "application/json", 400, "preferredChannel" },
        { "object for string", Valid(b => b["subject"] = new JsonObject()), "application/json", 400, "subject" },
        { "huge number", Valid(b => b["organization"]!["employees"] = JsonValue.Create(1e20)), "application/json", 400, "organization.employees" },
        { "unknown field", Valid(b => b["isAdmin"] = true), "application/json", 400, "isAdmin" },
        { "wrong content type", Valid(), "text/plain", 415, null },
        { "form encoding", Valid(), "application/x-www-form-urlencoded", 415, null },
        { "non-UTF-8 charset", Valid(), "application/json; charset=shift_jis", 415, null },
        { "no content type", Valid(), null, 415, null },
        { "oversized body", Valid(b => b["message"] = new string('あ', 30_000)), "application/json", 413, null },
        { "CR/LF header injection in a name", Valid(b => b["contact"]!["familyName"] = "髙橋\r\nBcc: victim@example.com"), "application/json", 400, "contact.familyName" },
        { "CR/LF header injection in the subject", Valid(b => b["subject"] = "相談\r\nBcc: victim@example.com"), "application/json", 400, "subject" },
        { "LF in the email address", Valid(b => b["contact"]!["email"] = "a@example.jp\nBcc: victim@example.com"), "application/json", 400, "contact.email" },
        { "bell character in the subject", Valid(b => b["subject"] = "相談\u0007"), "application/json", 400, "subject" },
        { "NUL in the message", Valid(b => b["message"] = "本文\u0000"), "application/json", 400, "message" },
        { "line separator in a title", Valid(b => b["contact"]!["title"] = "主査\u2028課長"), "application/json", 400, "contact.title" },
        { "subject over 200 characters", Valid(b => b["subject"] = new string('件', 201)), "application/json", 400, "subject" },
        { "message over 10,000 characters", Valid(b => b["message"] = new string('a', 10_001)), "application/json", 400, "message" },
        { "missing consent", Valid(b => b.Remove("privacyConsent")), "application/json", 400, "privacyConsent" },
        { "refused consent", Valid(b => b["privacyConsent"] = false), "application/json", 400, "privacyConsent" },
        { "wrong check digit", Valid(b => b["organization"]!["localGovernmentCode"] = "011003"), "application/json", 400, "organization.localGovernmentCode" },
        { "code of another prefecture", Valid(b => b["organization"]!["localGovernmentCode"] = "131016"), "application/json", 400, "organization.localGovernmentCode" },
        { "municipality without a code", Valid(b => b["organization"]!.AsObject().Remove("localGovernmentCode")), "application/json", 400, "organization.localGovernmentCode" },
        { "prefecture 48", Valid(b => b["prefectureCode"] = "48"), "application/json", 400, "prefectureCode" },
        { "no topics", Valid(b => b["topics"] = new JsonArray()), "application/json", 400, "topics" },
        { "unknown topic", Valid(b => b["topics"] = new JsonArray("satellite-office", "bitcoin")), "application/json", 400, "topics[1]" },
        { "invalid email", Valid(b => b["contact"]!["email"] = "taro@localhost"), "application/json", 400, "contact.email" },
        { "email with display name", Valid(b => b["contact"]!["email"] = "Taro <taro@example.jp>"), "application/json", 400, "contact.email" },
        { "kana in kanji", Valid(b => b["contact"]!["familyNameKana"] = "高橋"), "application/json", 400, "contact.familyNameKana" },
        { "foreign phone", Valid(b => b["contact"]!["phone"] = "+1 212 555 0100"), "application/json", 400, "contact.phone" },
        { "slot ending before it starts", Valid(b => b["preferredSlots"] = new JsonArray(new JsonObject { ["startsAt"] = "2099-01-01T10:00:00+09:00", ["endsAt"] = "2099-01-01T09:00:00+09:00" })), "application/json", 400, "preferredSlots[0].endsAt" },
        { "slot that is not a date", Valid(b => b["preferredSlots"] = new JsonArray(new JsonObject { ["startsAt"] = "next Tuesday", ["endsAt"] = "2099-01-01T09:00:00+09:00" })), "application/json", 400, "preferredSlots[0].startsAt" },
        { "missing contact", Valid(b => b.Remove("contact")), "application/json", 400, "contact" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_input_gets_a_problem_and_stores_nothing(string description, string body, string? contentType, int status, string? field)
    {
        var casesBefore = await app.CountCasesAsync();
        var outboxBefore = await app.WithDbAsync(db => db.Outbox.CountAsync());
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await client.PostAsync("/api/v1/inquiries", content);

        Assert.True(status == (int)response.StatusCode, $"{description}: expected {status}, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        if (field is not null)
        {
            var errors = problem.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{description}: no error for '{field}' in {errors}");
        }
        Assert.Equal(casesBefore, await app.CountCasesAsync());
        Assert.Equal(outboxBefore, await app.WithDbAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task Invalid_utf8_is_a_problem_not_a_crash()
    {
        var json = Valid(b => b["subject"] = "MARKER");
        var at = json.IndexOf("MARKER", StringComparison.Ordinal);
        byte[] bytes = [.. Encoding.UTF8.GetBytes(json[..at]), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(json[at..])];
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await client.PostAsync("/api/v1/inquiries", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Problems_speak_japanese_by_default_and_english_when_asked()
    {
        var body = Valid(b => b["privacyConsent"] = false);

        var japanese = await client.PostAsync("/api/v1/inquiries", new StringContent(body, Encoding.UTF8, "application/json"));
        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/v1/inquiries") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var englishResponse = await client.SendAsync(english);

        var ja = JsonDocument.Parse(await japanese.Content.ReadAsStringAsync()).RootElement;
        var en = JsonDocument.Parse(await englishResponse.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("入力内容に誤りがあります。", ja.GetProperty("title").GetString());
        Assert.Equal("個人情報の取扱いへの同意が必要です。", ja.GetProperty("errors").GetProperty("privacyConsent")[0].GetString());
        Assert.Equal("One or more fields are invalid.", en.GetProperty("title").GetString());
        Assert.Equal("You must agree to the handling of personal information.", en.GetProperty("errors").GetProperty("privacyConsent")[0].GetString());
    }

    [Fact]
    public async Task A_header_injection_attempt_never_reaches_the_mail_server()
    {
        var email = Infrastructure.Inquiries.UniqueEmail("inject");
        var body = Infrastructure.Inquiries.Municipality(email);
        body["subject"] = "相談\r\nBcc: victim@example.com";

        var response = await Infrastructure.Inquiries.PostAsync(client, body);
        await client.GetAsync("/health/ready");
        await Task.Delay(1500);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(SmtpSink.MessagesTo([email, "victim@example.com"]));
    }
}
