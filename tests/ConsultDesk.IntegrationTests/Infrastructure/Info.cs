using ConsultDesk.Domain.Info;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Info;

namespace ConsultDesk.IntegrationTests.Infrastructure;

/// <summary>
/// Puts portal items straight into the database through the domain and <see cref="InfoWriter"/> (the editing flows
/// themselves are tested through HTTP). The portal also holds the shipped sample items (Info:SeedSampleContent is on),
/// so a test finds its own items by a word no other item has (<see cref="UniqueWord"/>).
/// </summary>
public static class InfoSeed
{
    private static int serial = Random.Shared.Next(100_000);

    /// <summary>A Japanese word (katakana, so bigram search applies) that no other test's item contains.</summary>
    public static string UniqueWord()
    {
        const string kana = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ";
        var n = Interlocked.Increment(ref serial);
        var chars = new char[6];
        for (var i = 0; i < chars.Length; i++) { chars[i] = kana[n % kana.Length]; n /= kana.Length; }
        return "ケンサク" + new string(chars);
    }

    public static string UniqueSlug(string prefix = "test") => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static InfoContent Policy(string? title = null, string category = "telework-adoption", string ministry = "mhlw",
        string[]? parties = null, string[]? topics = null, string[]? prefectures = null, DateOnly? opensOn = null, DateOnly? closesOn = null,
        string? url = "https://example.jp/policy", string? body = null) => new()
        {
            Title = title ?? $"テスト施策 {UniqueWord()}",
            Summary = "テスト用の施策の概要です。",
            Body = body ?? "## 概要\n\nテスト用の本文です。",
            Url = url,
            AsOf = new DateOnly(2026, 12, 1),
            Category = category,
            Ministry = ministry,
            Parties = parties ?? ["company"],
            Topics = topics ?? ["telework-rules"],
            Prefectures = prefectures ?? [InfoCodes.National],
            ApplicationOpensOn = opensOn,
            ApplicationClosesOn = closesOn,
        };

    /// <summary>An item of <paramref name="kind"/>, published at <paramref name="now"/> unless <paramref name="publish"/> is false (a draft).</summary>
    public static Task<Guid> SeedAsync(ConsultDeskAppFactory app, InfoKind kind, InfoContent content, DateTime? now = null,
        bool publish = true, string? slug = null) =>
        app.WithDbAsync(async db =>
        {
            var at = now ?? DateTime.UtcNow;
            var item = InfoItem.Create(kind, slug ?? UniqueSlug(Wire(kind)), content, at);
            if (publish) item.Publish(at);
            InfoWriter.Add(db, item, InfoRevisionAction.Created, InfoActor.System, null, at);
            await db.SaveChangesAsync();
            return item.Id;
        });

    /// <summary>An editor account (through the admin API) and a client signed in as them.</summary>
    public static Task<(HttpClient Client, Guid Id)> NewEditorAsync(ConsultDeskAppFactory app, string? displayName = null) =>
        Staff.NewUserAsync(app, Roles.Editor, displayName);

    private static string Wire(InfoKind kind) => ConsultDesk.Domain.Wire.Name(kind);
}
