using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ConsultDesk.IntegrationTests.Infrastructure;

/// <summary>Valid intake bodies for each party; tests change one thing at a time.</summary>
public static class Inquiries
{
    public static string UniqueEmail(string tag = "t") => $"{tag}-{Guid.NewGuid():N}@example.jp";

    public static JsonObject Municipality(string? email = null) => new()
    {
        ["inquirerType"] = "municipality",
        ["organization"] = new JsonObject
        {
            ["name"] = "札幌市",
            ["department"] = "まちづくり政策局",
            ["localGovernmentCode"] = "011002",
        },
        ["contact"] = Contact(email),
        ["prefectureCode"] = "01",
        ["topics"] = new JsonArray("satellite-office", "subsidies"),
        ["preferredChannel"] = "online-meeting",
        ["language"] = "ja",
        ["subject"] = "サテライトオフィス誘致の進め方について①②③",
        ["message"] = "㈱サンプルの髙橋です。𠮷野町の件でご相談です。\n二行目です。",
        ["privacyConsent"] = true,
    };

    public static JsonObject Company(string? email = null) => new()
    {
        ["inquirerType"] = "company",
        ["organization"] = new JsonObject
        {
            ["name"] = "株式会社サンプル",
            ["nameKana"] = "さんぷる",
            ["department"] = "人事部",
            ["industry"] = "G",
            ["employees"] = 120,
        },
        ["contact"] = Contact(email),
        ["prefectureCode"] = "13",
        ["topics"] = new JsonArray("telework-rules", "office-search"),
        ["preferredChannel"] = "phone",
        ["preferredSlots"] = new JsonArray(new JsonObject
        {
            ["startsAt"] = "2099-04-01T10:00:00+09:00",
            ["endsAt"] = "2099-04-01T11:00:00+09:00",
        }),
        ["subject"] = "社内テレワーク規程の整備",
        ["message"] = "規程の雛形を探しています。",
        ["privacyConsent"] = true,
    };

    public static JsonObject Worker(string? email = null) => new()
    {
        ["inquirerType"] = "worker",
        ["contact"] = Contact(email),
        ["prefectureCode"] = "47",
        ["topics"] = new JsonArray("relocation", "workation"),
        ["preferredChannel"] = "email",
        ["language"] = "en",
        ["subject"] = "Working remotely from Okinawa",
        ["message"] = "I would like to relocate and keep my job.",
        ["privacyConsent"] = true,
    };

    private static JsonObject Contact(string? email) => new()
    {
        ["familyName"] = "髙橋",
        ["givenName"] = "𠮷子",
        ["familyNameKana"] = "たかはし",
        ["givenNameKana"] = "ﾖｼｺ",
        ["email"] = email ?? UniqueEmail(),
        ["phone"] = "０９０－１２３４－５６７８",
        ["title"] = "主査",
    };

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, JsonObject body) =>
        client.PostAsJsonAsync("/api/v1/inquiries", body);
}
