using ConsultDesk.Domain.Declarations;

namespace ConsultDesk.UnitTests.Declarations;

public sealed class CorporateNumberTests
{
    [Theory]
    [InlineData("7000012050002")] // 国税庁
    [InlineData("1180301018771")] // トヨタ自動車
    [InlineData("4010001008772")]
    public void Published_numbers_pass_the_check_digit(string number) => Assert.True(CorporateNumber.IsValid(number));

    [Theory]
    [InlineData("8000012050002")] // check digit off by one
    [InlineData("7000012050020")] // two digits swapped
    [InlineData("700001205000")]  // twelve digits
    [InlineData("70000120500021")]
    [InlineData("７000012050002")] // full-width (the form normalises before this check)
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_fails(string? number) => Assert.False(CorporateNumber.IsValid(number));

    [Fact]
    public void A_check_digit_is_computed_for_any_base() =>
        Assert.Equal("7000012050002", CorporateNumber.WithCheckDigit("000012050002"));
}

public sealed class DeclarationLifecycleTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 1, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Staff = Guid.NewGuid();

    private static DeclarationContent Content(string name = "サンプル株式会社") => new()
    {
        OrganizationName = name,
        OrganizationNameKana = "サンプル",
        CorporateNumber = "7000012050002",
        PrefectureCode = "13",
        LocalGovernmentCode = "131016",
        Industry = "information-communications",
        Employees = 120,
        ContactEmail = "Taro.Yamada@example.jp",
        Commitments = [new DeclarationCommitment("1", "テレワーク規程を整備します。")],
    };

    [Fact]
    public void A_new_declaration_waits_for_confirmation_and_only_confirm_or_withdraw_are_allowed()
    {
        var (declaration, version, submitted) = Declaration.Submit(Content(), Now, "form");

        Assert.Equal(DeclarationStatus.Unconfirmed, declaration.Status);
        Assert.Equal(1, version.Number);
        Assert.Equal("submitted", submitted.Type);
        Assert.Equal([DeclarationAction.Confirm, DeclarationAction.Withdraw], declaration.AllowedActions());
        var refused = Assert.Throws<DeclarationStateException>(() => declaration.Accept(version, 1, Staff, Now));
        Assert.Equal(DeclarationAction.Accept, refused.Attempted);
        Assert.Equal(Now.AddDays(7), declaration.ConfirmationExpiresAt);
    }

    [Fact]
    public void Acceptance_numbers_publishes_and_schedules_the_yearly_check()
    {
        var (declaration, version, _) = Declaration.Submit(Content(), Now, "form");
        declaration.Confirm(Now);

        declaration.Accept(version, 123, Staff, Now.AddDays(2));

        Assert.Equal(DeclarationStatus.Accepted, declaration.Status);
        Assert.Equal(123, declaration.Number);
        Assert.Equal("第000123号", Declaration.FormatNumber(declaration.Number!.Value));
        Assert.True(declaration.Listed);
        Assert.Equal("サンプル株式会社", declaration.PublicName);
        Assert.Equal(Now.AddDays(2).AddDays(365), declaration.NextCheckDueAt);
        Assert.Equal(DeclarationVersionOutcome.Accepted, version.Outcome);
    }

    [Fact]
    public void A_change_after_acceptance_keeps_the_accepted_version_public_until_it_is_accepted()
    {
        var (declaration, first, _) = Declaration.Submit(Content(), Now, "form");
        declaration.Confirm(Now);
        declaration.Accept(first, 7, Staff, Now);

        var (second, changeEvent) = declaration.Resubmit(Content("新社名株式会社"), Now.AddDays(30));

        Assert.Equal("change-submitted", changeEvent.Type);
        Assert.Equal(DeclarationStatus.InReview, declaration.Status);
        Assert.True(declaration.Listed);
        Assert.True(declaration.HasPendingChange);
        Assert.Equal("サンプル株式会社", declaration.PublicName);
        Assert.Equal("新社名株式会社", declaration.OrganizationName);

        declaration.Reject(second, "社名の確認ができません。", Staff, Now.AddDays(31));
        Assert.Equal(DeclarationStatus.Accepted, declaration.Status);
        Assert.Equal("サンプル株式会社", declaration.PublicName);

        var (third, _) = declaration.Resubmit(Content("新社名株式会社"), Now.AddDays(32));
        declaration.Accept(third, null, Staff, Now.AddDays(33));
        Assert.Equal(7, declaration.Number);
        Assert.Equal("新社名株式会社", declaration.PublicName);
        Assert.Equal(3, declaration.AcceptedVersionNumber);
    }

    [Fact]
    public void Return_then_resubmit_then_reject_ends_a_declaration_never_accepted()
    {
        var (declaration, first, _) = Declaration.Submit(Content(), Now, "api");
        declaration.Confirm(Now);
        declaration.Return(first, "取組内容を具体的にご記入ください。", Staff, Now);
        Assert.Equal([DeclarationAction.Resubmit, DeclarationAction.Withdraw], declaration.AllowedActions());

        var (second, resubmitted) = declaration.Resubmit(Content(), Now.AddDays(1));
        Assert.Equal("resubmitted", resubmitted.Type);
        declaration.Reject(second, "対象外です。", Staff, Now.AddDays(2));

        Assert.Equal(DeclarationStatus.Rejected, declaration.Status);
        Assert.Empty(declaration.AllowedActions());
        Assert.False(declaration.Listed);
    }

    [Fact]
    public void Withdrawal_unlists_and_stops_the_yearly_check()
    {
        var (declaration, version, _) = Declaration.Submit(Content(), Now, "form");
        declaration.Confirm(Now);
        declaration.Accept(version, 1, Staff, Now);
        var before = declaration.Version;

        declaration.Withdraw("事業終了のため", null, Now.AddDays(100));

        Assert.False(declaration.Listed);
        Assert.Null(declaration.NextCheckDueAt);
        Assert.Equal(1, declaration.Number);
        Assert.Equal(before + 1, declaration.Version);
        Assert.Throws<DeclarationStateException>(() => declaration.Withdraw(null, Staff, Now.AddDays(101)));
    }
}
