using ConsultDesk.Domain;
using ConsultDesk.Features.Templates;
using ConsultDesk.Mail;

namespace ConsultDesk.UnitTests.Mail;

public sealed class MailTemplateCheckTests
{
    // The reply offers the inquirer's name and a multi-line text (the acknowledgement offers neither: it goes to an unchecked address).
    private static readonly TemplateEntry Reply = MailTemplateCatalog.Find("reply")!;

    private static MailTemplateCheck Check(string source, InquiryLanguage language = InquiryLanguage.Ja) =>
        MailTemplateCheck.Run(Reply, language, source);

    [Fact]
    public void A_good_template_is_accepted_and_rendered_with_the_sample_model()
    {
        var check = Check("受付しました（{{ reference }}）\n\n{{ contact_name }} 様\n{{ body }}\n");

        Assert.True(check.IsValid);
        Assert.Equal("受付しました（CD-2026-000123）", check.Subject);
        Assert.Equal("山田 花子 様\nお問い合わせありがとうございます。\n補助金についてご案内します。\n", check.Body);
        Assert.Empty(check.Warnings);
    }

    [Fact]
    public void Windows_line_breaks_are_read_as_line_breaks()
    {
        var check = Check("件名 {{ reference }}\r\n\r\n本文\r\n");

        Assert.True(check.IsValid);
        Assert.Equal("件名 CD-2026-000123", check.Subject);
        Assert.Equal("本文\n", check.Body);
    }

    [Fact]
    public void A_template_that_does_not_parse_is_refused_with_the_parsers_message_and_position()
    {
        var check = Check("件名\n\n本文 {{ reference }\n");

        var error = Assert.Single(check.Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal(16, error.Column); // Fluid points just after "reference", where it wanted "}}"
        Assert.Contains("End of tag '}}' was expected", error.Message, StringComparison.Ordinal);
        Assert.Contains("3", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Source:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_tag_is_refused_with_its_position()
    {
        var check = Check("件名\n\n{% if organization_name != blank %}{{ organization_name }}\n本文\n");

        var error = Assert.Single(check.Errors);
        Assert.NotNull(error.Line);
        Assert.Contains("{% endif %}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_variable_with_line_breaks_on_the_subject_line_is_a_multi_line_subject_and_refused()
    {
        // The sample body has two lines: the subject header would take one and the mail's body the other.
        var check = Check("{{ body }}\n\n本文\n");

        Assert.False(check.IsValid);
        Assert.Contains(check.Errors, e => e.Message == ConsultDesk.Resources.Texts.TemplatesSubjectMultiline);
    }

    [Fact]
    public void Whitespace_control_that_eats_the_subjects_line_break_is_refused()
    {
        var check = Check("件名 {{ reference -}}\n\n本文\n");

        Assert.Contains(check.Errors, e => e.Message == ConsultDesk.Resources.Texts.TemplatesSubjectNotOneLine);
    }

    [Fact]
    public void A_tag_that_opens_on_the_subject_line_must_close_on_it()
    {
        var check = Check("{% if reference %}件名\n{% endif %}\n本文\n");

        Assert.Contains(check.Errors, e => e.Message == ConsultDesk.Resources.Texts.TemplatesSubjectNotOneLine);
    }

    [Theory]
    [InlineData("{% if false %}件名{% endif %}\n\n本文\n")]
    [InlineData("   \n\n本文\n")]
    public void An_empty_subject_is_refused(string source)
    {
        var check = Check(source);

        Assert.Contains(check.Errors, e => e.Message == ConsultDesk.Resources.Texts.TemplatesSubjectEmpty);
    }

    [Theory]
    [InlineData("件名\n\n{% comment %}本文なし{% endcomment %}\n")]
    [InlineData("件名\n\n   \n")]
    [InlineData("件名だけ")]
    public void A_template_without_a_body_is_refused(string source)
    {
        Assert.False(Check(source).IsValid);
    }

    [Fact]
    public void A_runaway_loop_fails_the_check_instead_of_hanging()
    {
        var check = Check("件名\n\n{% for i in (1..10000000) %}x{% endfor %}\n");

        Assert.False(check.IsValid);
    }

    [Fact]
    public void A_loop_that_writes_megabytes_within_the_step_budget_is_refused_with_the_size_limit()
    {
        // About 40 characters a turn, 20,000 turns: 60,000 steps (under MaxSteps) and 1.6 M characters.
        var check = Check("件名\n\n{% for i in (1..20000) %}{{ body }}{{ body }}{% endfor %}\n");

        Assert.False(check.IsValid);
        Assert.Equal(string.Format(ConsultDesk.Resources.Texts.TemplatesOutputTooLarge, 256), Assert.Single(check.Errors).Message);
    }

    [Fact]
    public void A_value_doubled_at_each_step_is_stopped_at_the_limit_without_a_huge_allocation()
    {
        // 40 doublings of 10 characters would be 10^13 characters: the append past the limit throws instead.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var doubling = Check("件名\n\n{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}\n");
        var replacing = Check("件名\n\n{% assign s = 'aa' %}{% for i in (1..40) %}{% assign s = s | replace: 'a', 'aa' %}{% endfor %}{{ s | size }}\n");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(doubling.IsValid);
        Assert.False(replacing.IsValid);
        Assert.Equal(string.Format(ConsultDesk.Resources.Texts.TemplatesOutputTooLarge, 256), Assert.Single(doubling.Errors).Message);
        Assert.InRange(allocated, 0, 64L * 1024 * 1024);
    }

    [Fact]
    public void Capture_is_refused_because_it_builds_text_outside_the_limit()
    {
        var check = Check("件名\n\n{% capture s %}{{ body }}{% endcapture %}{{ s }}\n");

        Assert.False(check.IsValid);
        Assert.Equal(ConsultDesk.Resources.Texts.TemplatesCaptureNotAllowed, Assert.Single(check.Errors).Message);
    }

    [Fact]
    public void Unknown_variables_and_filters_are_warnings_not_errors()
    {
        var check = Check("件名 {{ reference }}\n\n{{ contact_nmae }} 様 {{ reference | shout }}\n{% assign x = 1 %}{{ x }}{% for t in (1..2) %}{{ t }}{{ forloop.index }}{% endfor %}\n");

        Assert.True(check.IsValid);
        Assert.Equal(2, check.Warnings.Count);
        Assert.Contains(check.Warnings, w => w.Contains("contact_nmae", StringComparison.Ordinal));
        Assert.Contains(check.Warnings, w => w.Contains("shout", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_shipped_template_is_in_the_catalog_and_the_catalog_lists_nothing_else()
    {
        Assert.Equal(MailTemplates.ShippedNames(), MailTemplateCatalog.All.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, InquiryLanguage> Shipped()
    {
        var data = new TheoryData<string, InquiryLanguage>();
        foreach (var entry in MailTemplateCatalog.All)
            foreach (var language in MailTemplateCatalog.Languages) data.Add(entry.Name, language);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Every_shipped_default_passes_its_own_check_and_uses_only_catalog_variables(string name, InquiryLanguage language)
    {
        var check = MailTemplateCheck.Run(MailTemplateCatalog.Find(name)!, language, MailTemplates.DefaultSource(name, language));

        Assert.Empty(check.Errors);
        Assert.Empty(check.Warnings);
    }

    [Fact]
    public void The_save_validator_refuses_a_broken_template_with_the_error_on_source()
    {
        var result = new SaveMailTemplate.Validator().Validate(new SaveMailTemplate.Command("acknowledgement", "ja", "件名 {{ reference\n\n本文\n"));

        var failure = Assert.Single(result.Errors);
        Assert.Equal("Source", failure.PropertyName);
        Assert.Equal(1, Assert.IsType<TemplateError>(failure.CustomState).Line);
    }

    [Fact]
    public void The_save_validator_accepts_a_good_template()
    {
        var result = new SaveMailTemplate.Validator().Validate(new SaveMailTemplate.Command("acknowledgement", "en", "Received {{ reference }}\n\nDear inquirer, see {{ portal_url }}\n"));

        Assert.True(result.IsValid);
    }
}
