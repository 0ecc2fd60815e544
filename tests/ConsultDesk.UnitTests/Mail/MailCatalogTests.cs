using ConsultDesk.Features.FollowUps;
using ConsultDesk.Features.Matching;
using ConsultDesk.Features.Portal;
using ConsultDesk.Features.Reports;
using ConsultDesk.Features.Users;
using ConsultDesk.Mail;

namespace ConsultDesk.UnitTests.Mail;

/// <summary>The rule on MailTemplateCatalog: features use Mail, Mail never uses a feature.</summary>
public sealed class MailCatalogTests
{
    [Theory]
    [InlineData(FollowUpMail.ConsultationFollowUpKind)]
    [InlineData(FollowUpMail.ReminderKind)]
    [InlineData(FollowUpMail.ClosingNoticeKind)]
    [InlineData(FollowUpMail.SurveyKind)]
    [InlineData(FollowUpMail.EscalationKind)]
    [InlineData(MatchMail.ConsentRequestKind)]
    [InlineData(MatchMail.IntroductionCompanyKind)]
    [InlineData(MatchMail.IntroductionMunicipalityKind)]
    [InlineData(MonthlyReportMail.Kind)]
    [InlineData(PasswordResetMail.Kind)]
    [InlineData(ConsultDesk.Features.Award.DeclareAwardConflict.MailKind)]
    [InlineData(RequestPortalLink.MailKind)]
    [InlineData(AcknowledgementMail.Kind)]
    [InlineData(CaseMail.ReplyKind)]
    [InlineData(CaseMail.InviteKind)]
    [InlineData(ConsultDesk.Features.Declarations.DeclarationReviewMail.AcceptedKind)]
    [InlineData(ConsultDesk.Features.Declarations.DeclarationReviewMail.ReturnedKind)]
    [InlineData(ConsultDesk.Features.Declarations.DeclarationReviewMail.RejectedKind)]
    [InlineData(ConsultDesk.Features.Declarations.DeclarationReviewMail.WithdrawnKind)]
    [InlineData(ConsultDesk.Features.Declarations.RequestDeclarationLink.MailKind)]
    [InlineData(ConsultDesk.Features.Declarations.RunDeclarationChecks.CheckKind)]
    [InlineData(ConsultDesk.Features.Declarations.SubmitDeclaration.ConfirmationMailKind)]
    public void Every_builders_kind_has_a_catalog_entry(string kind) => Assert.NotNull(MailTemplateCatalog.Find(kind));

    [Fact]
    public void No_file_of_the_mail_module_refers_to_a_feature()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "ConsultDesk.sln"))) root = root.Parent!;
        var offenders = Directory.EnumerateFiles(Path.Combine(root.FullName, "src", "ConsultDesk", "Mail"), "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("ConsultDesk.Features", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root.FullName, f));
        Assert.Empty(offenders);
    }
}
