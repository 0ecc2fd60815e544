using System.Globalization;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Features.Declarations;

namespace ConsultDesk.UnitTests.Declarations;

public sealed class SubmitDeclarationValidatorTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 1, 0, 0, DateTimeKind.Utc);
    private static readonly LocalGovernmentDirectory Directory = LocalGovernmentDirectory.LoadEmbedded();

    private sealed class Items(params DeclarationItem[] rows) : IDeclarationItems
    {
        public Task<IReadOnlyList<DeclarationItem>> ActiveAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DeclarationItem>>(rows.Where(r => r.Active).ToList());
    }

    private static readonly DeclarationItem[] Rows =
    [
        DeclarationItem.Create(DeclarationItemKind.Commitment, "1", "採用の優位性の確保・社員の離職防止", "Recruiting", null, null, false, 1, Now),
        DeclarationItem.Create(DeclarationItemKind.Commitment, "2", "地方人材の採用・育成", "Local talent", null, null, false, 2, Now),
        DeclarationItem.Create(DeclarationItemKind.Agreement, "purpose", "趣旨に賛同します", "I support the aims", null, null, true, 1, Now),
        DeclarationItem.Create(DeclarationItemKind.Agreement, "antisocial-forces", "反社会的勢力ではありません", "Not antisocial forces", null, null, true, 2, Now),
    ];

    private readonly SubmitDeclaration.Validator validator;

    public SubmitDeclarationValidatorTests()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("ja");
        var inactive = DeclarationItem.Create(DeclarationItemKind.Agreement, "retired", "廃止された同意", "Retired", null, null, true, 3, Now);
        inactive.Update("廃止された同意", "Retired", null, null, true, 3, active: false, Now);
        validator = new SubmitDeclaration.Validator(new Items([.. Rows, inactive]), Directory, TimeProvider.System);
    }

    public static SubmitDeclaration.Command Valid() => new SubmitDeclaration.Command
    {
        Organization = new() { Name = "サンプル商事株式会社", NameKana = "サンプルショウジ", CorporateNumber = "7000012050002", Industry = "G", Employees = 120, Website = "https://example.jp/" },
        Address = new() { PostalCode = "100-0014", PrefectureCode = "13", LocalGovernmentCode = "131016", Street = "永田町1-6-1" },
        Representative = new() { Name = "代表 太郎", Title = "代表取締役" },
        Contact = new() { FamilyName = "担当", GivenName = "花子", FamilyNameKana = "タントウ", GivenNameKana = "ハナコ", Email = "hanako@example.jp", Phone = "03-1234-5678" },
        Commitments = [new() { ItemCode = "1", Text = "テレワーク規程を整備し、全社員が週2日在宅勤務できるようにします。" }],
        Agreements = ["purpose", "antisocial-forces"],
    }.Normalized();

    private async Task<Dictionary<string, string>> ErrorsAsync(SubmitDeclaration.Command command) =>
        (await validator.ValidateAsync(command)).Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);

    [Fact]
    public async Task A_complete_declaration_passes() => Assert.Empty(await ErrorsAsync(Valid()));

    [Theory]
    [InlineData("7000012050002", true)]
    [InlineData("７０００-０１２０-５０００２", true)] // full-width with hyphens, as typed
    [InlineData("8000012050002", false)] // check digit off by one
    [InlineData("700001205000", false)]
    [InlineData("70000120500AB", false)]
    public async Task The_corporate_number_check_digit_is_verified(string number, bool valid)
    {
        var command = (Valid() with { Organization = Valid().Organization! with { CorporateNumber = number } }).Normalized();
        var errors = await ErrorsAsync(command);
        Assert.Equal(!valid, errors.ContainsKey("Organization.CorporateNumber"));
        if (!valid) Assert.Contains("検査数字", errors["Organization.CorporateNumber"]);
    }

    [Fact]
    public async Task Without_a_corporate_number_a_reason_is_required()
    {
        var without = Valid() with { Organization = Valid().Organization! with { CorporateNumber = null } };
        Assert.Contains("Organization.NoCorporateNumberReason", (await ErrorsAsync(without)).Keys);

        var withReason = without with { Organization = without.Organization! with { NoCorporateNumberReason = "法人格のない任意団体のため" } };
        Assert.Empty(await ErrorsAsync(withReason));
    }

    [Fact]
    public async Task Every_active_agreement_must_be_ticked_and_inactive_ones_are_not_asked()
    {
        var errors = (await validator.ValidateAsync(Valid() with { Agreements = ["purpose"] })).Errors;

        var failure = Assert.Single(errors);
        Assert.Equal("Agreements", failure.PropertyName);
        Assert.Equal("antisocial-forces", failure.ErrorCode);
        Assert.Contains("反社会的勢力", failure.ErrorMessage);
        Assert.Equal(2, (await validator.ValidateAsync(Valid() with { Agreements = null })).Errors.Count);
    }

    [Fact]
    public async Task At_least_one_known_commitment_with_its_text_of_at_most_1000_characters()
    {
        Assert.Contains("Commitments", (await ErrorsAsync(Valid() with { Commitments = [] })).Keys);
        Assert.Contains("Commitments[0].ItemCode", (await ErrorsAsync(Valid() with { Commitments = [new() { ItemCode = "9", Text = "取組" }] })).Keys);
        Assert.Contains("Commitments[1].ItemCode", (await ErrorsAsync(Valid() with
        {
            Commitments = [new() { ItemCode = "1", Text = "取組" }, new() { ItemCode = "1", Text = "同じ項目" }],
        })).Keys);
        Assert.Contains("Commitments[0].Text", (await ErrorsAsync(Valid() with { Commitments = [new() { ItemCode = "2", Text = null }] })).Keys);

        var exactly = Valid() with { Commitments = [new() { ItemCode = "2", Text = new string('あ', 1_000) }] };
        Assert.Empty(await ErrorsAsync(exactly));
        // Counted in characters as people see them: 1,000 surrogate-pair kanji are 1,000, not 2,000.
        Assert.Empty(await ErrorsAsync(Valid() with { Commitments = [new() { ItemCode = "2", Text = string.Concat(Enumerable.Repeat("𠮷", 1_000)) }] }));
        var tooLong = Valid() with { Commitments = [new() { ItemCode = "2", Text = new string('あ', 1_001) }] };
        Assert.Contains("1000", (await ErrorsAsync(tooLong))["Commitments[0].Text"]);
    }

    [Theory]
    [InlineData("カブシキガイシャサンプル")]
    [InlineData("サンプルカブシキガイシャ")]
    [InlineData("かぶしきがいしゃ さんぷる")] // hiragana and a space, folded before the check
    [InlineData("イッパンシャダンホウジンサンプル")]
    [InlineData("サンプル・ユウゲンガイシャ")]
    public async Task The_katakana_name_is_refused_with_a_legal_form(string kana)
    {
        var command = (Valid() with { Organization = Valid().Organization! with { NameKana = kana } }).Normalized();
        Assert.Contains("法人格", (await ErrorsAsync(command))["Organization.NameKana"]);
    }

    [Theory]
    [InlineData("株式会社サンプル")] // kanji is not a reading at all
    [InlineData("Sample")]
    public async Task The_katakana_name_must_be_katakana(string kana)
    {
        var command = (Valid() with { Organization = Valid().Organization! with { NameKana = kana } }).Normalized();
        Assert.Contains("Organization.NameKana", (await ErrorsAsync(command)).Keys);
    }

    [Fact]
    public async Task The_municipality_comes_from_the_code_master_and_lies_in_the_prefecture()
    {
        Assert.Contains("Address.LocalGovernmentCode",
            (await ErrorsAsync(Valid() with { Address = Valid().Address! with { PrefectureCode = "27" } })).Keys); // 千代田区 is not in 大阪府
        Assert.Contains("Address.LocalGovernmentCode",
            (await ErrorsAsync(Valid() with { Address = Valid().Address! with { LocalGovernmentCode = "131017" } })).Keys); // bad check digit
        Assert.Contains("Address.LocalGovernmentCode",
            (await ErrorsAsync(Valid() with { Address = Valid().Address! with { LocalGovernmentCode = "130001" } })).Keys); // the prefecture itself
        Assert.Empty(await ErrorsAsync(Valid() with { Address = Valid().Address! with { PrefectureCode = "27", LocalGovernmentCode = "271004" } })); // 大阪市
    }

    [Fact]
    public async Task Contact_mail_and_phone_and_sizes_are_checked()
    {
        var errors = await ErrorsAsync(Valid() with
        {
            Contact = Valid().Contact! with { Email = "not-an-address", Phone = "12345" },
            Organization = Valid().Organization! with { Name = new string('名', 201), Employees = -1, Website = "javascript:alert(1)" },
            Representative = new() { Name = null, Title = "代表" },
        });
        Assert.Equal(
            ["Contact.Email", "Contact.Phone", "Organization.Employees", "Organization.Name", "Organization.Website", "Representative.Name"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Messages_are_in_english_for_an_english_request()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var errors = await ErrorsAsync(Valid() with { Organization = Valid().Organization! with { CorporateNumber = "8000012050002" } });
        Assert.Equal("The corporate number must be 13 digits with a valid check digit.", errors["Organization.CorporateNumber"]);
    }
}
