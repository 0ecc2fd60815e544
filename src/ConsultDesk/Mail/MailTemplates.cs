using System.Collections.Concurrent;
using ConsultDesk.Common;
using ConsultDesk.Domain;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Mail;

/// <summary>
/// Renders the desk's Liquid mail templates: an admin's stored version when there is one, else the default shipped in
/// Mail/Templates. A template's first line is the subject; the body starts after the blank line that follows it.
/// The stored set is read once per <see cref="TemplatesOptions.CacheDuration"/>, so rendering costs no database
/// round trip in the steady state; a save in this process calls <see cref="Invalidate"/> and shows at once.
/// </summary>
public sealed class MailTemplates
{
    internal static readonly FluidParser Parser = new();

    /// <summary>A step budget: a runaway loop in an admin's template fails its render instead of holding a request.</summary>
    internal static readonly TemplateOptions Options = new() { MaxSteps = 100_000 };

    /// <summary>Longer subjects are refused for stored templates (the outbox keeps at most 1000 characters).</summary>
    public const int MaxSubjectLength = 500;

    private static readonly IReadOnlyDictionary<string, ParsedTemplate> NoneStored = new Dictionary<string, ParsedTemplate>();

    private readonly ConcurrentDictionary<string, IFluidTemplate> defaults = new(StringComparer.Ordinal);
    private readonly IMailTemplateStore? store;
    private readonly TimeProvider clock;
    private readonly TimeSpan cacheDuration;
    private readonly ILogger logger;
    private readonly Lock reload = new();
    private Snapshot? snapshot;
    private long generation;

    /// <summary>Shipped defaults only, no database (tests and tools).</summary>
    public MailTemplates() : this(null, TimeProvider.System, TimeSpan.Zero, NullLogger.Instance) { }

    public MailTemplates(IMailTemplateStore store, TimeProvider clock, IOptions<ConsultDeskOptions> options, ILogger<MailTemplates> logger)
        : this(store, clock, options.Value.Templates.CacheDuration, logger) { }

    private MailTemplates(IMailTemplateStore? store, TimeProvider clock, TimeSpan cacheDuration, ILogger logger)
    {
        this.store = store;
        this.clock = clock;
        this.cacheDuration = cacheDuration;
        this.logger = logger;
    }

    public RenderedMail Render(string name, InquiryLanguage language, IReadOnlyDictionary<string, object?> model)
    {
        var key = KeyOf(name, language);
        if (Stored().TryGetValue(key, out var stored))
        {
            try
            {
                var mail = Compose(key, stored.Template, model);
                // The subject line rendered alone must give the same one line: a value with a line break there would
                // otherwise push half of itself into the body unnoticed.
                var subject = RenderText(stored.SubjectLine, model).Trim();
                if (subject != mail.Subject || !JapaneseText.IsSingleLine(subject)) throw new InvalidOperationException($"Mail template {key} rendered a multi-line subject.");
                if (subject.Length > MaxSubjectLength) throw new InvalidOperationException($"Mail template {key} rendered a subject of {subject.Length} characters.");
                return mail;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A stored template passed its check against the sample model, but a real model can still trip it
                // (a line break in a value on the subject line, a runaway loop). The mail still goes, in the shipped wording.
                logger.LogError(ex, "Stored mail template {Template} v{Version} failed to render; the shipped default is used", key, stored.Version);
            }
        }
        return Compose(key, defaults.GetOrAdd(key, LoadDefault), model);
    }

    /// <summary>Forgets the cached stored set; call after a template was saved or reset (after the commit).</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        Volatile.Write(ref snapshot, null);
    }

    /// <summary>The source shipped with the app.</summary>
    public static string DefaultSource(string name, InquiryLanguage language)
    {
        var resource = $"ConsultDesk.Mail.Templates.{KeyOf(name, language)}.liquid";
        using var stream = typeof(MailTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Mail template {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Names of every template shipped with the app (<c>acknowledgement</c>, ...).</summary>
    public static IReadOnlyList<string> ShippedNames() =>
        typeof(MailTemplates).Assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith("ConsultDesk.Mail.Templates.", StringComparison.Ordinal) && r.EndsWith(".liquid", StringComparison.Ordinal))
            .Select(r => r["ConsultDesk.Mail.Templates.".Length..^".liquid".Length])
            .Select(r => r[..r.LastIndexOf('.')])
            .Distinct().Order(StringComparer.Ordinal).ToList();

    internal static string KeyOf(string name, InquiryLanguage language) => $"{name}.{Wire.Name(language)}";

    internal static string RenderText(IFluidTemplate template, IReadOnlyDictionary<string, object?> model)
    {
        var context = new TemplateContext(Options);
        foreach (var (field, value) in model)
            context.SetValue(field, value is null ? NilValue.Instance : FluidValue.Create(value, context.Options));
        return template.Render(context, NullEncoder.Default).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static RenderedMail Compose(string key, IFluidTemplate template, IReadOnlyDictionary<string, object?> model)
    {
        var text = RenderText(template, model);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0) throw new InvalidOperationException($"Mail template {key} has no body.");
        var subject = text[..newline].Trim();
        // The subject becomes a header: it must be one line whatever the template or model held.
        if (!JapaneseText.IsSingleLine(subject)) throw new InvalidOperationException($"Mail template {key} rendered a multi-line subject.");
        return new RenderedMail(subject, text[(newline + 1)..].TrimStart('\n'));
    }

    private static IFluidTemplate LoadDefault(string key)
    {
        var dot = key.LastIndexOf('.');
        var source = DefaultSource(key[..dot], Wire.TryParse<InquiryLanguage>(key[(dot + 1)..], out var language) ? language : InquiryLanguage.Ja);
        return Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Mail template {key} does not parse: {error}");
    }

    private IReadOnlyDictionary<string, ParsedTemplate> Stored()
    {
        if (store is null) return NoneStored;
        var current = Volatile.Read(ref snapshot);
        if (current is not null && IsFresh(current)) return current.Templates;
        // Stale: one caller reloads while the others carry on with the copy they have instead of queueing behind it.
        if (current is not null && !reload.TryEnter()) return current.Templates;
        if (current is null) reload.Enter();
        try
        {
            var latest = Volatile.Read(ref snapshot);
            if (latest is not null && IsFresh(latest)) return latest.Templates;
            var seen = Interlocked.Read(ref generation);
            var loaded = Load(latest ?? current);
            // A save in this process during the read must not be covered up by what was read before it.
            if (Interlocked.Read(ref generation) == seen) Volatile.Write(ref snapshot, loaded);
            return loaded.Templates;
        }
        finally
        {
            reload.Exit();
        }
    }

    private bool IsFresh(Snapshot s) => clock.GetUtcNow() - s.LoadedAt < cacheDuration;

    private Snapshot Load(Snapshot? previous)
    {
        var loadedAt = clock.GetUtcNow();
        var templates = new Dictionary<string, ParsedTemplate>(StringComparer.Ordinal);
        foreach (var row in store!.LoadAll())
        {
            var key = KeyOf(row.Name, row.Language);
            // Parse only what changed since the last read.
            if (previous is not null && previous.Templates.TryGetValue(key, out var known) && known.Version == row.Version && known.Source == row.Source)
                templates[key] = known;
            else if (Parser.TryParse(row.Source, out var template, out var error) && ParseSubjectLine(row.Source, out var subjectLine, out error))
                templates[key] = new ParsedTemplate(row.Source, row.Version, template, subjectLine);
            else
                logger.LogError("Stored mail template {Template} v{Version} does not parse ({Error}); the shipped default is used", key, row.Version, error);
        }
        return new Snapshot(templates, loadedAt);
    }

    /// <summary>The first line of a source (the subject), parsed on its own: a tag opened on it must close on it.</summary>
    internal static bool ParseSubjectLine(string source, out IFluidTemplate subjectLine, out string error)
    {
        var newline = source.IndexOf('\n', StringComparison.Ordinal);
        subjectLine = null!;
        error = "no line break after the subject";
        return newline >= 0 && Parser.TryParse(source[..newline].TrimEnd('\r'), out subjectLine, out error);
    }

    private sealed record ParsedTemplate(string Source, int Version, IFluidTemplate Template, IFluidTemplate SubjectLine);

    private sealed record Snapshot(IReadOnlyDictionary<string, ParsedTemplate> Templates, DateTimeOffset LoadedAt);
}
