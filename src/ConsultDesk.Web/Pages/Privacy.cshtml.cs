using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Mail;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Web.Pages;

/// <summary>
/// 個人情報の取扱い: the text admins keep as the <c>privacy-policy</c> template (Japanese and English), shown as a page.
/// The template's first line is the heading; a line starting with "## " starts a section; blank lines part paragraphs.
/// </summary>
public sealed class PrivacyModel(MailTemplates templates, IOptions<ConsultDeskOptions> options) : PageModel
{
    public string Title { get; private set; } = "";

    public IReadOnlyList<(bool Heading, string Text)> Blocks { get; private set; } = [];

    public void OnGet()
    {
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var settings = options.Value;
        var deskEmail = MimeKit.MailboxAddress.TryParse(settings.Mail.From, out var from) ? from.Address : settings.Mail.From;
        var rendered = templates.Render(MailTemplateCatalog.PrivacyPolicyKind, english ? InquiryLanguage.En : InquiryLanguage.Ja,
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["desk_email"] = deskEmail, ["public_base_url"] = settings.PublicBaseUrl });
        Title = rendered.Subject;
        var blocks = new List<(bool Heading, string Text)>();
        foreach (var paragraph in rendered.TextBody.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var text = paragraph;
            if (text.StartsWith("## ", StringComparison.Ordinal))
            {
                var end = text.IndexOf('\n', StringComparison.Ordinal);
                blocks.Add((true, (end < 0 ? text : text[..end])[3..].Trim()));
                if (end < 0) continue;
                text = text[(end + 1)..].Trim();
            }
            if (text.Length > 0) blocks.Add((false, text));
        }
        Blocks = blocks;
    }
}
