using System.Text.RegularExpressions;
using ConsultDesk.Domain;
using ConsultDesk.Resources;
using Fluid;
using Fluid.Ast;

namespace ConsultDesk.Mail;

/// <summary>Why a template source cannot be used; <see cref="Line"/> and <see cref="Column"/> point at a parse error.</summary>
public sealed record TemplateError(string Message, int? Line = null, int? Column = null);

/// <summary>
/// The result of checking a template source the way it will be used: parsed, then rendered with the catalog's sample
/// model. <see cref="Errors"/> refuse the source; <see cref="Warnings"/> (unknown variables and filters) do not.
/// </summary>
public sealed record MailTemplateCheck(string? Subject, string? Body, IReadOnlyList<TemplateError> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>Source text a browser or client may send: the check and the store see the same line breaks.</summary>
    public static string Normalize(string source) => source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    public static MailTemplateCheck Run(TemplateEntry entry, InquiryLanguage language, string source)
    {
        source = Normalize(source);
        if (!MailTemplates.Parser.TryParse(source, out var template, out var parseError))
            return Refused(ParseError(parseError));

        var errors = new List<TemplateError>();
        var warnings = WarningsOf(entry, template);
        if (BoundedOutput.UsesUnboundedTags(template)) return Refused(new TemplateError(Texts.TemplatesCaptureNotAllowed), warnings);
        // The subject is the first line of the source, and it has to stand alone: a tag opened on it closes on it.
        if (!source.Contains('\n', StringComparison.Ordinal)) return Refused(new TemplateError(Texts.TemplatesNoBody), warnings);
        if (!MailTemplates.ParseSubjectLine(source, out var subjectTemplate, out _))
            return Refused(new TemplateError(Texts.TemplatesSubjectNotOneLine), warnings);

        var model = entry.SampleModel(language);
        string text, subjectAlone;
        try
        {
            text = MailTemplates.RenderText(template, model);
            subjectAlone = MailTemplates.RenderText(subjectTemplate, model).Trim();
        }
        catch (TemplateOutputTooLargeException)
        {
            return Refused(new TemplateError(string.Format(Texts.TemplatesOutputTooLarge, BoundedOutput.MaxLength / 1024)), warnings);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The admin needs Fluid's own words to fix the template (a bad filter argument, the step budget...).
            return Refused(new TemplateError(string.Format(Texts.TemplatesRenderFailed, ex.Message)), warnings);
        }

        var split = text.IndexOf('\n', StringComparison.Ordinal);
        var subject = split < 0 ? text.Trim() : text[..split].Trim();
        var body = split < 0 ? "" : text[(split + 1)..].TrimStart('\n');
        if (!JapaneseText.IsSingleLine(subjectAlone)) errors.Add(new TemplateError(Texts.TemplatesSubjectMultiline));
        else if (subjectAlone != subject) errors.Add(new TemplateError(Texts.TemplatesSubjectNotOneLine)); // whitespace control ate the line break
        else if (subject.Length == 0) errors.Add(new TemplateError(Texts.TemplatesSubjectEmpty));
        else if (subject.Length > MailTemplates.MaxSubjectLength) errors.Add(new TemplateError(string.Format(Texts.TemplatesSubjectTooLong, MailTemplates.MaxSubjectLength)));
        if (string.IsNullOrWhiteSpace(body)) errors.Add(new TemplateError(Texts.TemplatesBodyEmpty));
        return new MailTemplateCheck(subject, body, errors, warnings);
    }

    private static MailTemplateCheck Refused(TemplateError error, IReadOnlyList<string>? warnings = null) => new(null, null, [error], warnings ?? []);

    private static readonly Regex Position = new(@"\s*at \((?<line>\d+):(?<column>\d+)\)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Fluid says e.g. <c>End of tag '}}' was expected at (1:14)\nSource:\n...</c>: keep the sentence and the position.</summary>
    internal static TemplateError ParseError(string? fluidMessage)
    {
        var message = (fluidMessage ?? "").Split("\nSource:", 2)[0].Trim();
        var match = Position.Match(message);
        if (!match.Success) return new TemplateError(string.Format(Texts.TemplatesParseError, message));
        var line = int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var column = int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var sentence = message.Remove(match.Index, match.Length).Trim();
        return new TemplateError(string.Format(Texts.TemplatesParseErrorAt, line, column, sentence), line, column);
    }

    private static List<string> WarningsOf(TemplateEntry entry, IFluidTemplate template)
    {
        var names = new NameCollector();
        names.VisitTemplate(template);
        var known = new HashSet<string>(entry.Variables.Select(v => v.Name), StringComparer.OrdinalIgnoreCase);
        known.UnionWith(names.Declared);
        known.UnionWith(["forloop", "tablerowloop"]);
        var warnings = names.Used.Where(n => !known.Contains(n)).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(n => string.Format(Texts.TemplatesUnknownVariable, n)).ToList();
        warnings.AddRange(names.Filters.Distinct(StringComparer.Ordinal).Where(f => !MailTemplates.Options.Filters.TryGetValue(f, out _))
            .Select(f => string.Format(Texts.TemplatesUnknownFilter, f)));
        return warnings;
    }

    /// <summary>Collects the variables a template reads, the ones it defines itself, and the filters it calls.</summary>
    private sealed class NameCollector : AstVisitor
    {
        public List<string> Used { get; } = [];
        public HashSet<string> Declared { get; } = new(StringComparer.OrdinalIgnoreCase);
        public List<string> Filters { get; } = [];

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            if (memberExpression.Segments.FirstOrDefault() is IdentifierSegment root) Used.Add(root.Identifier);
            return base.VisitMemberExpression(memberExpression);
        }

        protected override Expression VisitFilterExpression(FilterExpression filterExpression)
        {
            Filters.Add(filterExpression.Name);
            return base.VisitFilterExpression(filterExpression);
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            Declared.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            Declared.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            Declared.Add(forStatement.Identifier);
            return base.VisitForStatement(forStatement);
        }

        protected override Statement VisitTableRowStatement(TableRowStatement tableRowStatement)
        {
            Declared.Add(tableRowStatement.Identifier);
            return base.VisitTableRowStatement(tableRowStatement);
        }
    }
}
