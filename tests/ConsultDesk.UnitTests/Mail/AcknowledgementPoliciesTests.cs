using ConsultDesk.Domain;
using ConsultDesk.Mail;

namespace ConsultDesk.UnitTests.Mail;

public sealed class AcknowledgementPoliciesTests
{
    [Theory]
    [InlineData(InquiryLanguage.Ja, "・")]
    [InlineData(InquiryLanguage.En, "- ")]
    public void The_shipped_acknowledgement_lists_at_most_three_policies_and_nothing_when_there_are_none(InquiryLanguage language, string bullet)
    {
        var templates = new MailTemplates();
        var entry = MailTemplateCatalog.All.Single(e => e.Name == AcknowledgementMail.Kind);
        var model = entry.SampleModel(language);
        var none = templates.Render(AcknowledgementMail.Kind, language, new Dictionary<string, object?>(model) { ["policies"] = AcknowledgementMail.PolicyModel([], "https://desk.example.jp") });
        var four = AcknowledgementMail.PolicyModel(
            Enumerable.Range(1, 4).Select(i => new AcknowledgementMail.RelatedPolicy($"施策{i}", $"/info/policy/p{i}")), "https://desk.example.jp/");
        var some = templates.Render(AcknowledgementMail.Kind, language, new Dictionary<string, object?>(model) { ["policies"] = four });

        Assert.DoesNotContain("/info/", none.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", none.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{bullet}施策1\n  https://desk.example.jp/info/policy/p1\n{bullet}施策2\n", some.TextBody, StringComparison.Ordinal);
        Assert.Contains("施策3", some.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("施策4", some.TextBody, StringComparison.Ordinal);
        // The catalog's sample renders as a list in previews and reads as text in the editor's variable table.
        Assert.Contains("/info/guideline/telework-security-guideline", templates.Render(AcknowledgementMail.Kind, language, model).TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", Convert.ToString(model["policies"], System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
