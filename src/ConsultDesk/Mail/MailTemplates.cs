using System.Collections.Concurrent;
using ConsultDesk.Domain;
using Fluid;
using Fluid.Values;

namespace ConsultDesk.Mail;

/// <summary>
/// Renders the Liquid mail templates shipped in Mail/Templates. A template's first line is the subject;
/// the body starts after the blank line that follows it.
/// </summary>
public sealed class MailTemplates
{
    private static readonly FluidParser Parser = new();
    private readonly ConcurrentDictionary<string, IFluidTemplate> cache = new(StringComparer.Ordinal);

    public RenderedMail Render(string name, InquiryLanguage language, IReadOnlyDictionary<string, object?> model)
    {
        var key = $"{name}.{Wire.Name(language)}";
        var template = cache.GetOrAdd(key, Load);
        var context = new TemplateContext(new TemplateOptions());
        foreach (var (field, value) in model)
            context.SetValue(field, value is null ? NilValue.Instance : FluidValue.Create(value, context.Options));
        var text = template.Render(context, NullEncoder.Default).Replace("\r\n", "\n", StringComparison.Ordinal);

        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0) throw new InvalidOperationException($"Mail template {key} has no body.");
        var subject = text[..newline].Trim();
        // The subject becomes a header: it must be one line whatever the template or model held.
        if (!JapaneseText.IsSingleLine(subject)) throw new InvalidOperationException($"Mail template {key} rendered a multi-line subject.");
        return new RenderedMail(subject, text[(newline + 1)..].TrimStart('\n'));
    }

    private static IFluidTemplate Load(string key)
    {
        var assembly = typeof(MailTemplates).Assembly;
        var resource = $"ConsultDesk.Mail.Templates.{key}.liquid";
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Mail template {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        var source = reader.ReadToEnd();
        return Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Mail template {key} does not parse: {error}");
    }
}
