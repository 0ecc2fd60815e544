using System.Text.Json;

namespace ConsultDesk.Domain.Info;

/// <summary>
/// One piece of portal content (施策, ガイドライン, 取組事例 or お知らせ) under a stable slug (/info/{kind}/{slug}). The
/// columns hold the current content; every change adds an <see cref="InfoRevision"/> with who, when, what changed and a
/// copy of the content. Only <see cref="InfoStatus.Published"/> items are public; a scheduled item is published by the
/// info job once <see cref="PublishAt"/> has passed.
/// </summary>
public sealed class InfoItem
{
    private InfoItem() { }

    public const int MaxSlugLength = 80;

    public Guid Id { get; private set; }
    public InfoKind Kind { get; private set; }
    /// <summary>Lower-case ASCII words joined by hyphens; set at creation and never changed (URLs are shared).</summary>
    public string Slug { get; private set; } = "";
    public InfoStatus Status { get; private set; }
    /// <summary>Sample content shipped with the app (marked on every page, like the sample municipality profiles).</summary>
    public bool IsSample { get; private set; }

    public string Title { get; private set; } = "";
    public string? TitleEn { get; private set; }
    public string Summary { get; private set; } = "";
    public string? SummaryEn { get; private set; }
    public string Body { get; private set; } = "";
    public string? BodyEn { get; private set; }
    public string? Url { get; private set; }
    public DateOnly? AsOf { get; private set; }
    public string? Category { get; private set; }
    public string? Ministry { get; private set; }
    public List<string> Parties { get; private set; } = [];
    public List<string> Topics { get; private set; } = [];
    public List<string> Prefectures { get; private set; } = [];
    public DateOnly? ApplicationOpensOn { get; private set; }
    public DateOnly? ApplicationClosesOn { get; private set; }
    public string? Publisher { get; private set; }
    public string? Edition { get; private set; }
    public DateOnly? IssuedOn { get; private set; }
    public string? MunicipalityCode { get; private set; }
    public string? OrganizationName { get; private set; }
    public int? DeclarationNumber { get; private set; }

    /// <summary>When a scheduled item goes public (UTC).</summary>
    public DateTime? PublishAt { get; private set; }
    /// <summary>When the item first went public (UTC): the finders' "newest" order and the feeds' publish date.</summary>
    public DateTime? PublishedAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>Bumped by every change: the editor's If-Match, and what makes two racing publishers write once.</summary>
    public int Version { get; private set; }

    public InfoContent Content => new()
    {
        Title = Title, TitleEn = TitleEn, Summary = Summary, SummaryEn = SummaryEn, Body = Body, BodyEn = BodyEn, Url = Url,
        AsOf = AsOf, Category = Category, Ministry = Ministry, Parties = [.. Parties], Topics = [.. Topics],
        Prefectures = [.. Prefectures], ApplicationOpensOn = ApplicationOpensOn, ApplicationClosesOn = ApplicationClosesOn,
        Publisher = Publisher, Edition = Edition, IssuedOn = IssuedOn, MunicipalityCode = MunicipalityCode,
        OrganizationName = OrganizationName, DeclarationNumber = DeclarationNumber,
    };

    public bool IsPublic => Status == InfoStatus.Published;

    public static InfoItem Create(InfoKind kind, string slug, InfoContent content, DateTime now, bool isSample = false)
    {
        var item = new InfoItem
        {
            Id = Guid.CreateVersion7(), Kind = kind, Slug = slug, Status = InfoStatus.Draft, IsSample = isSample,
            CreatedAt = now, UpdatedAt = now, Version = 1,
        };
        item.Apply(content);
        return item;
    }

    /// <summary>Replaces the content; returns the names of the fields that changed (none: nothing is written).</summary>
    public IReadOnlyList<string> Edit(InfoContent content, DateTime now)
    {
        var changed = content.ChangedFrom(Content);
        if (changed.Count == 0) return changed;
        Apply(content);
        Touch(now);
        return changed;
    }

    /// <summary>Publishes at <paramref name="at"/>, or now when that moment has come.</summary>
    public void Schedule(DateTime at, DateTime now)
    {
        if (at <= now)
        {
            Publish(now);
            return;
        }
        Status = InfoStatus.Scheduled;
        PublishAt = at;
        Touch(now);
    }

    public void Publish(DateTime now)
    {
        Status = InfoStatus.Published;
        PublishAt ??= now;
        PublishedAt ??= now;
        Touch(now);
    }

    /// <summary>Takes the item off the public site (a scheduled publication is cancelled); it can be published again.</summary>
    public void Unpublish(DateTime now)
    {
        Status = Status == InfoStatus.Scheduled && PublishedAt is null ? InfoStatus.Draft : InfoStatus.Unpublished;
        PublishAt = null;
        Touch(now);
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    private void Apply(InfoContent c)
    {
        Title = c.Title; TitleEn = c.TitleEn; Summary = c.Summary; SummaryEn = c.SummaryEn; Body = c.Body; BodyEn = c.BodyEn;
        Url = c.Url; AsOf = c.AsOf; Category = c.Category; Ministry = c.Ministry;
        Parties = [.. c.Parties]; Topics = [.. c.Topics]; Prefectures = [.. c.Prefectures];
        ApplicationOpensOn = c.ApplicationOpensOn; ApplicationClosesOn = c.ApplicationClosesOn;
        Publisher = c.Publisher; Edition = c.Edition; IssuedOn = c.IssuedOn;
        MunicipalityCode = c.MunicipalityCode; OrganizationName = c.OrganizationName; DeclarationNumber = c.DeclarationNumber;
    }

    /// <summary>The title in the reader's language (Japanese when there is no translation).</summary>
    public string TitleIn(bool english) => english && !string.IsNullOrWhiteSpace(TitleEn) ? TitleEn : Title;
    public string SummaryIn(bool english) => english && !string.IsNullOrWhiteSpace(SummaryEn) ? SummaryEn : Summary;
    public string BodyIn(bool english) => english && !string.IsNullOrWhiteSpace(BodyEn) ? BodyEn : Body;
}

/// <summary>One change of an item: who (a user, or the system for scheduled publication and imports), when, what, and the content after it.</summary>
public sealed class InfoRevision
{
    private InfoRevision() { }

    public const int MaxNoteLength = 500;

    public Guid Id { get; private set; }
    public Guid ItemId { get; private set; }
    /// <summary>1, 2, 3… per item.</summary>
    public int Number { get; private set; }
    public DateTime At { get; private set; }
    public Guid? UserId { get; private set; }
    /// <summary>The user's display name at the time (kept so the history reads the same after the account goes).</summary>
    public string ActorName { get; private set; } = "";
    public InfoRevisionAction Action { get; private set; }
    /// <summary>Field names (<see cref="InfoContent"/> properties) separated by spaces; empty for status changes.</summary>
    public string ChangedFields { get; private set; } = "";
    public string? Note { get; private set; }
    /// <summary>The content after this change, as JSON (<see cref="Wire.JsonOptions"/>).</summary>
    public string Snapshot { get; private set; } = "";
    public InfoStatus Status { get; private set; }

    public static InfoRevision Of(InfoItem item, int number, InfoRevisionAction action, IReadOnlyList<string> changedFields,
        Guid? userId, string actorName, string? note, DateTime at) => new()
        {
            Id = Guid.CreateVersion7(), ItemId = item.Id, Number = number, At = at, UserId = userId, ActorName = actorName,
            Action = action, ChangedFields = string.Join(' ', changedFields), Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            Snapshot = JsonSerializer.Serialize(item.Content, Wire.JsonOptions), Status = item.Status,
        };

    public InfoContent Content => JsonSerializer.Deserialize<InfoContent>(Snapshot, Wire.JsonOptions) ?? new InfoContent();
}

/// <summary>One edition of a guideline (第5版, 第2版…) with its date and link; a new edition adds a row, old ones stay.</summary>
public sealed class InfoEdition
{
    private InfoEdition() { }

    public Guid Id { get; private set; }
    public Guid ItemId { get; private set; }
    public string Edition { get; private set; } = "";
    public DateOnly? IssuedOn { get; private set; }
    public string? Url { get; private set; }
    public DateTime RecordedAt { get; private set; }

    public static InfoEdition Of(Guid itemId, string edition, DateOnly? issuedOn, string? url, DateTime at) =>
        new() { Id = Guid.CreateVersion7(), ItemId = itemId, Edition = edition, IssuedOn = issuedOn, Url = url, RecordedAt = at };
}

/// <summary>An image of a case study, stored by SHA-256 in the attachment store and served at /info/images/{id}.</summary>
public sealed class InfoImage
{
    private InfoImage() { }

    public const int MaxPerItem = 5;
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxAltLength = 200;

    public Guid Id { get; private set; }
    public Guid ItemId { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Length { get; private set; }
    /// <summary>Required alternative text (JIS X 8341-3 / WCAG 1.1.1).</summary>
    public string AltText { get; private set; } = "";
    public int SortOrder { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static InfoImage Of(Guid itemId, string sha256, string contentType, long length, string altText, int sortOrder, DateTime at) =>
        new() { Id = Guid.CreateVersion7(), ItemId = itemId, Sha256 = sha256, ContentType = contentType, Length = length, AltText = altText, SortOrder = sortOrder, CreatedAt = at };

    public void Describe(string altText) => AltText = altText;
}

/// <summary>
/// A facet value of an item (category, ministry, party, topic, prefecture, publisher), kept beside it so a finder counts
/// matches per value with one indexed GROUP BY; rewritten with the item (<see cref="InfoFacets.ValuesOf"/>).
/// </summary>
public sealed class InfoFacetValue
{
    private InfoFacetValue() { }

    public const int MaxValueLength = 200;

    public Guid ItemId { get; private set; }
    public string Facet { get; private set; } = "";
    public string Value { get; private set; } = "";

    public static InfoFacetValue Of(Guid itemId, string facet, string value) => new() { ItemId = itemId, Facet = facet, Value = value };
}

/// <summary>An external link of an item (its main link and every http(s) link of its body) and the link checker's last verdict.</summary>
public sealed class InfoLink
{
    private InfoLink() { }

    public const int MaxDetailLength = 500;

    public Guid Id { get; private set; }
    public Guid ItemId { get; private set; }
    public string Url { get; private set; } = "";
    /// <summary>Lower-case host: the checker limits requests per host and reads each host's robots.txt once per run.</summary>
    public string Host { get; private set; } = "";
    public bool IsMain { get; private set; }
    public LinkState State { get; private set; }
    public int? HttpStatus { get; private set; }
    /// <summary>Where the redirects ended (redirected links).</summary>
    public string? FinalUrl { get; private set; }
    /// <summary>Each hop as "301 https://…", one per line.</summary>
    public string? Redirects { get; private set; }
    /// <summary>Why a link is broken (timeout, connection reset, 404…) or was skipped (robots.txt).</summary>
    public string? Detail { get; private set; }
    public DateTime? CheckedAt { get; private set; }

    public static InfoLink Of(Guid itemId, Uri url, bool isMain) =>
        new() { Id = Guid.CreateVersion7(), ItemId = itemId, Url = url.AbsoluteUri, Host = url.IdnHost.ToLowerInvariant(), IsMain = isMain, State = LinkState.Unchecked };

    public void MarkMain(bool isMain) => IsMain = isMain;

    public void Record(LinkState state, int? httpStatus, string? finalUrl, string? redirects, string? detail, DateTime at)
    {
        State = state;
        HttpStatus = httpStatus;
        FinalUrl = finalUrl;
        Redirects = redirects;
        Detail = detail is { Length: > MaxDetailLength } ? detail[..MaxDetailLength] : detail;
        CheckedAt = at;
    }
}

/// <summary>The searchable form of an item, like <see cref="CaseSearchDocument"/>: bigram tokens (FTS5 / GIN) and the normalised text.</summary>
public sealed class InfoSearchDocument
{
    private InfoSearchDocument() { }

    /// <summary>Database-generated (FTS5 wants an integer rowid).</summary>
    public int Id { get; private set; }
    public Guid ItemId { get; private set; }
    public string Tokens { get; private set; } = "";
    public string Text { get; private set; } = "";

    public static InfoSearchDocument For(InfoItem item)
    {
        var document = new InfoSearchDocument { ItemId = item.Id };
        document.Update(item);
        return document;
    }

    public void Update(InfoItem item)
    {
        string?[] fields = [item.Title, item.TitleEn, item.Summary, item.SummaryEn, item.Body, item.BodyEn, item.Publisher,
            item.Edition, item.OrganizationName,
            item.Ministry is null ? null : InfoCodes.Label(InfoCodes.Ministries, item.Ministry, english: false),
            item.Category is null ? null : InfoCodes.Label(InfoCodes.PolicyCategories, item.Category, english: false)];
        Tokens = SearchText.Tokens(fields);
        Text = SearchText.Document(fields);
    }
}
