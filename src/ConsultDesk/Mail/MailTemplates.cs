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
/// The stored set is read at startup and then once per <see cref="TemplatesOptions.CacheDuration"/>, so rendering
/// costs no database round trip in the steady state; a save in this process calls <see cref="ReloadAsync"/> and
/// shows at once.
/// </summary>
public sealed class MailTemplates
{
    internal static readonly FluidParser Parser = new();

    /// <summary>
    /// A step budget (a runaway loop in an admin's template fails its render instead of holding a request) and an
    /// output budget (<see cref="BoundedOutput"/>: no render grows past 256 K characters, whatever the loop writes).
    /// </summary>
    internal static readonly TemplateOptions Options = BoundedOutput.Bound(new() { MaxSteps = 100_000 });

    /// <summary>Longer subjects are refused for stored templates (the outbox keeps at most 1000 characters).</summary>
    public const int MaxSubjectLength = 500;

    private static readonly IReadOnlyDictionary<string, ParsedTemplate> NoneStored = new Dictionary<string, ParsedTemplate>();

    private readonly ConcurrentDictionary<string, IFluidTemplate> defaults = new(StringComparer.Ordinal);
    private readonly IMailTemplateStore? store;
    private readonly TimeProvider clock;
    private readonly TimeSpan cacheDuration;
    private readonly ILogger logger;
    private readonly Lock reload = new();
    private readonly Lock publish = new();
    private Snapshot? snapshot;
    /// <summary>Bumped by every <see cref="ReloadAsync"/>: a read that started before it must not be published after it.</summary>
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

    /// <summary>
    /// Reads the stored set now: at startup (so no request ever waits for the first read), and after a template was
    /// saved or reset in this process (after the commit), so the change shows at once. A failed read is logged and
    /// leaves the cached copy marked stale, to be read again by the next render: the save itself has succeeded.
    /// </summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (store is null) return;
        long mine;
        lock (publish) mine = ++generation;
        var previous = Volatile.Read(ref snapshot);
        try
        {
            var loadedAt = clock.GetUtcNow();
            Publish(Build(await store.LoadAllAsync(cancellationToken), previous, loadedAt), mine);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read the stored mail templates; the next mail reads them again");
            if (previous is not null) Publish(previous with { LoadedAt = DateTimeOffset.MinValue }, mine);
        }
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
        using var writer = new BoundedOutput.Writer();
        // Nothing in a mail template waits on I/O: the render completes synchronously into the bounded writer.
        template.RenderAsync(writer, context, NullEncoder.Default, isolateContext: true).AsTask().GetAwaiter().GetResult();
        return writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
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
        // No copy yet (startup did not read one): callers wait for the first read, as they must not guess.
        if (current is null) reload.Enter();
        try
        {
            var latest = Volatile.Read(ref snapshot);
            if (latest is not null && IsFresh(latest)) return latest.Templates;
            long seen;
            lock (publish) seen = generation;
            var loadedAt = clock.GetUtcNow();
            IReadOnlyList<StoredTemplateSource> rows;
            try
            {
                rows = store.LoadAll();
            }
            catch (Exception ex) when (latest is not null && ex is not OperationCanceledException)
            {
                // An old copy beats failing the mail (and the use case around it) over a read of the templates.
                logger.LogWarning(ex, "Could not read the stored mail templates; the copy read at {LoadedAt:o} is used", latest.LoadedAt);
                return latest.Templates;
            }
            var loaded = Build(rows, latest ?? current, loadedAt);
            Publish(loaded, seen);
            return loaded.Templates;
        }
        finally
        {
            reload.Exit();
        }
    }

    /// <summary>A save in this process during a read must not be covered up by what was read before it.</summary>
    private void Publish(Snapshot loaded, long seenGeneration)
    {
        lock (publish)
            if (generation == seenGeneration) Volatile.Write(ref snapshot, loaded);
    }

    private bool IsFresh(Snapshot s) => clock.GetUtcNow() - s.LoadedAt < cacheDuration;

    private Snapshot Build(IReadOnlyList<StoredTemplateSource> rows, Snapshot? previous, DateTimeOffset loadedAt)
    {
        var templates = new Dictionary<string, ParsedTemplate>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = KeyOf(row.Name, row.Language);
            // Parse only what changed since the last read.
            if (previous is not null && previous.Templates.TryGetValue(key, out var known) && known.Version == row.Version && known.Source == row.Source)
                templates[key] = known;
            else if (Parser.TryParse(row.Source, out var template, out var error) && ParseSubjectLine(row.Source, out var subjectLine, out error))
            {
                // Saved before the output limit existed: a capture could still build text without bound.
                if (BoundedOutput.UsesUnboundedTags(template))
                    logger.LogError("Stored mail template {Template} v{Version} uses capture; the shipped default is used", key, row.Version);
                else
                    templates[key] = new ParsedTemplate(row.Source, row.Version, template, subjectLine);
            }
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
