using ConsultDesk.Data;
using ConsultDesk.Domain.Declarations;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultDesk.IntegrationTests.Infrastructure;

/// <summary>
/// Puts declarations straight into the database through the domain's own methods, for tests that need one in a
/// given state (the form and review flows themselves are tested through HTTP). Each gets a working declarant link.
/// </summary>
public static class Declarations
{
    public sealed record Seeded(Guid Id, int? Number, string ManageToken, string ContactEmail);

    private static int corporateSerial = Random.Shared.Next(1_000_000);

    /// <summary>A valid 法人番号 no other test uses.</summary>
    public static string UniqueCorporateNumber() =>
        CorporateNumber.WithCheckDigit($"9{Interlocked.Increment(ref corporateSerial):D11}");

    public static DeclarationContent Content(string? organizationName = null, string? email = null, string prefectureCode = "13",
        string localGovernmentCode = "131016", string industry = "G", int employees = 120, params string[] itemCodes) => new()
    {
        OrganizationName = organizationName ?? $"テスト宣言株式会社{Guid.NewGuid().ToString("N")[..6]}",
        OrganizationNameKana = "テストセンゲン",
        CorporateNumber = UniqueCorporateNumber(),
        PostalCode = "1000014",
        PrefectureCode = prefectureCode,
        LocalGovernmentCode = localGovernmentCode,
        Street = "永田町1-6-1",
        Industry = industry,
        Employees = employees,
        Website = "https://example.jp/",
        RepresentativeName = "宣言 太郎",
        RepresentativeTitle = "代表取締役",
        ContactFamilyName = "担当",
        ContactGivenName = "花子",
        ContactFamilyNameKana = "タントウ",
        ContactGivenNameKana = "ハナコ",
        ContactDepartment = "人事部",
        ContactEmail = email ?? Inquiries.UniqueEmail("sengen"),
        ContactPhone = "0312345678",
        Commitments = (itemCodes.Length == 0 ? ["1"] : itemCodes).Select(c => new DeclarationCommitment(c, $"【{c}】の取組としてテレワーク規程を整備します。")).ToList(),
        Agreements = ["purpose", "publication", "antisocial-forces", "privacy"],
    };

    /// <summary>
    /// A declaration in <paramref name="status"/> (Unconfirmed, InReview, Returned, Accepted, Rejected or Withdrawn
    /// after acceptance), its number drawn from the real sequence when accepted.
    /// </summary>
    public static async Task<Seeded> SeedAsync(ConsultDeskAppFactory app, DeclarationStatus status = DeclarationStatus.Accepted,
        DeclarationContent? content = null, DateTime? nowUtc = null)
    {
        var now = nowUtc ?? DateTime.UtcNow;
        content ??= Content();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
        var numbers = scope.ServiceProvider.GetRequiredService<DeclarationNumbers>();
        var staff = Guid.Empty;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var (declaration, version, submitted) = Declaration.Submit(content, now, "test");
        db.Declarations.Add(declaration);
        db.DeclarationVersions.Add(version);
        db.DeclarationEvents.Add(submitted);
        if (status != DeclarationStatus.Unconfirmed) db.DeclarationEvents.Add(declaration.Confirm(now));
        switch (status)
        {
            case DeclarationStatus.Returned:
                db.DeclarationEvents.Add(declaration.Return(version, "テストのため差し戻します。", staff, now));
                break;
            case DeclarationStatus.Rejected:
                db.DeclarationEvents.Add(declaration.Reject(version, "テストのため却下します。", staff, now));
                break;
            case DeclarationStatus.Accepted or DeclarationStatus.Withdrawn:
                db.DeclarationEvents.Add(declaration.Accept(version, await numbers.NextAsync(default), staff, now));
                await numbers.ReplacePublicItemsAsync(declaration, content, default);
                if (status == DeclarationStatus.Withdrawn) db.DeclarationEvents.Add(declaration.Withdraw("テスト", null, now));
                break;
        }
        var (token, row) = DeclarationToken.Mint(declaration.Id, now, now + DeclarationToken.Lifetime);
        db.DeclarationTokens.Add(row);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new Seeded(declaration.Id, declaration.Number, token, content.ContactEmail);
    }
}
