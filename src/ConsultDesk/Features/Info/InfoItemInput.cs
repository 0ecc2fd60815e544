using System.Text.RegularExpressions;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Info;
using ConsultDesk.Domain.LocalGovernments;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Info;

/// <summary>What an editor sends for an item (every kind's fields; those that do not apply to the kind stay empty).</summary>
public sealed record InfoItemInput
{
    public string? Title { get; init; }
    public string? TitleEn { get; init; }
    public string? Summary { get; init; }
    public string? SummaryEn { get; init; }
    public string? Body { get; init; }
    public string? BodyEn { get; init; }
    public string? Url { get; init; }
    public DateOnly? AsOf { get; init; }
    public string? Category { get; init; }
    public string? Ministry { get; init; }
    public IReadOnlyList<string>? Parties { get; init; }
    public IReadOnlyList<string>? Topics { get; init; }
    public IReadOnlyList<string>? Prefectures { get; init; }
    public DateOnly? ApplicationOpensOn { get; init; }
    public DateOnly? ApplicationClosesOn { get; init; }
    public string? Publisher { get; init; }
    public string? Edition { get; init; }
    public DateOnly? IssuedOn { get; init; }
    public string? MunicipalityCode { get; init; }
    public string? OrganizationName { get; init; }
    public int? DeclarationNumber { get; init; }
    /// <summary>Why the change was made (kept on the revision).</summary>
    public string? Note { get; init; }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> CleanList(IReadOnlyList<string>? values) =>
        [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal)];

    /// <summary>The content of an item of <paramref name="kind"/>: fields of other kinds are dropped.</summary>
    public InfoContent ToContent(InfoKind kind) => new()
    {
        Title = Clean(Title) ?? "", TitleEn = Clean(TitleEn), Summary = Clean(Summary) ?? "", SummaryEn = Clean(SummaryEn),
        Body = (Body ?? "").Replace("\r\n", "\n").Trim(), BodyEn = Clean(BodyEn?.Replace("\r\n", "\n")), Url = Clean(Url), AsOf = AsOf,
        Category = kind == InfoKind.Policy ? Clean(Category) : null,
        Ministry = kind == InfoKind.Policy ? Clean(Ministry) : null,
        Parties = kind == InfoKind.News ? [] : CleanList(Parties),
        Topics = kind == InfoKind.News ? [] : CleanList(Topics),
        Prefectures = kind is InfoKind.Policy or InfoKind.CaseStudy ? CleanList(Prefectures) : [],
        ApplicationOpensOn = kind == InfoKind.Policy ? ApplicationOpensOn : null,
        ApplicationClosesOn = kind == InfoKind.Policy ? ApplicationClosesOn : null,
        Publisher = kind == InfoKind.Guideline ? Clean(Publisher) : null,
        Edition = kind == InfoKind.Guideline ? Clean(Edition) : null,
        IssuedOn = kind == InfoKind.Guideline ? IssuedOn : null,
        MunicipalityCode = kind == InfoKind.CaseStudy ? Clean(MunicipalityCode) : null,
        OrganizationName = kind == InfoKind.CaseStudy ? Clean(OrganizationName) : null,
        DeclarationNumber = kind == InfoKind.CaseStudy ? DeclarationNumber : null,
    };

    public static InfoItemInput Of(InfoContent c, string? note = null) => new()
    {
        Title = c.Title, TitleEn = c.TitleEn, Summary = c.Summary, SummaryEn = c.SummaryEn, Body = c.Body, BodyEn = c.BodyEn,
        Url = c.Url, AsOf = c.AsOf, Category = c.Category, Ministry = c.Ministry, Parties = c.Parties, Topics = c.Topics,
        Prefectures = c.Prefectures, ApplicationOpensOn = c.ApplicationOpensOn, ApplicationClosesOn = c.ApplicationClosesOn,
        Publisher = c.Publisher, Edition = c.Edition, IssuedOn = c.IssuedOn, MunicipalityCode = c.MunicipalityCode,
        OrganizationName = c.OrganizationName, DeclarationNumber = c.DeclarationNumber, Note = note,
    };
}

/// <summary>The field rules of an item's content, per kind, with messages in the request's language.</summary>
public static partial class InfoRules
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    public static bool IsSlug(string? slug) => slug is { Length: > 0 and <= InfoItem.MaxSlugLength } && SlugPattern().IsMatch(slug);

    public static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    public static bool IsPdf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.AbsolutePath.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);

    /// <summary>A field's label in the request's language (the revision history and the field errors use it).</summary>
    public static string Label(string field, bool english) => field switch
    {
        nameof(InfoContent.Title) => english ? "Title" : "タイトル",
        nameof(InfoContent.TitleEn) => english ? "Title (English)" : "タイトル（英語）",
        nameof(InfoContent.Summary) => english ? "Summary" : "概要",
        nameof(InfoContent.SummaryEn) => english ? "Summary (English)" : "概要（英語）",
        nameof(InfoContent.Body) => english ? "Body" : "本文",
        nameof(InfoContent.BodyEn) => english ? "Body (English)" : "本文（英語）",
        nameof(InfoContent.Url) => english ? "Link" : "リンク先URL",
        nameof(InfoContent.AsOf) => english ? "As of" : "時点",
        nameof(InfoContent.Category) => english ? "Category" : "分類",
        nameof(InfoContent.Ministry) => english ? "Ministry or agency" : "府省庁",
        nameof(InfoContent.Parties) => english ? "Parties" : "対象",
        nameof(InfoContent.Topics) => english ? "Topics" : "テーマ",
        nameof(InfoContent.Prefectures) => english ? "Prefectures" : "都道府県",
        nameof(InfoContent.ApplicationOpensOn) => english ? "Applications open" : "受付開始日",
        nameof(InfoContent.ApplicationClosesOn) => english ? "Applications close" : "受付終了日",
        nameof(InfoContent.Publisher) => english ? "Publisher" : "発行者",
        nameof(InfoContent.Edition) => english ? "Edition" : "版",
        nameof(InfoContent.IssuedOn) => english ? "Issued on" : "発行日",
        nameof(InfoContent.MunicipalityCode) => english ? "Municipality code" : "団体コード",
        nameof(InfoContent.OrganizationName) => english ? "Organisation" : "団体・企業名",
        nameof(InfoContent.DeclarationNumber) => english ? "Action declaration number" : "Action宣言の番号",
        "Slug" => english ? "Slug" : "スラッグ",
        "Note" => english ? "Note" : "メモ",
        "PublishAt" => english ? "Publish at" : "公開日時",
        "AltText" => english ? "Alternative text" : "代替テキスト",
        "Image" => english ? "Image" : "画像",
        _ => field,
    };

    private static bool En => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Required(string field) => En ? $"Enter the {Label(field, true).ToLowerInvariant()}." : $"{Label(field, false)}を入力してください。";
    public static string TooLong(string field, int max) => En ? $"{Label(field, true)} must be at most {max} characters." : $"{Label(field, false)}は{max}文字以内で入力してください。";
    public static string Invalid(string field) => En ? $"{Label(field, true)} is not valid." : $"{Label(field, false)}の値が正しくありません。";
    public static string SlugFormat => En ? "Use lower-case letters, digits and single hyphens (at most 80 characters)." : "スラッグは半角英小文字・数字とハイフンで入力してください（80文字以内）。";
    public static string SlugTaken => En ? "Another item of this kind already uses this slug." : "このスラッグは同じ種類の別の項目で使われています。";
    public static string PolicyUrl => En ? "Enter the URL of the measure's web page (not a PDF)." : "施策の掲載ページのURLを入力してください（PDFは不可）。";
    public static string WebUrl => En ? "Enter an http(s) URL." : "http(s)で始まるURLを入力してください。";
    public static string PeriodOrder => En ? "Applications must close on or after they open." : "受付終了日は受付開始日以降にしてください。";
    public static string OneValue(string field) => En ? $"Choose one {Label(field, true).ToLowerInvariant()}." : $"{Label(field, false)}を一つ選んでください。";
    public static string UnknownMunicipality => En ? "This municipality code is not in the code master." : "この団体コードは団体コードの一覧にありません。";
    public static string AlreadyPublished => En ? "This item is already published." : "この項目はすでに公開されています。";
    public static string NothingToChange => En ? "The item is already in that state." : "この項目はすでにその状態です。";
    public static string ImagesOnlyForCaseStudies => En ? "Only case studies have images." : "画像を付けられるのは取組事例だけです。";
    public static string ImageTooLarge => En ? "The image must be at most 5 MB." : "画像は5MB以内にしてください。";
    public static string ImageType => En ? "The image must be a PNG, JPEG or WebP file." : "画像はPNG・JPEG・WebPのいずれかにしてください。";
    public static string TooManyImages => En ? "A case study has at most 5 images." : "画像は5枚までです。";
    public static string UnknownDeclaration => En ? "No listed Action declaration has this number." : "この番号の公開中のAction宣言はありません。";
}

/// <summary>
/// Validates an item's content for its kind (<see cref="InfoRules"/>). Built by hand for the kind at hand, so it is
/// internal: the validator scan registers public validators only, and this one cannot come from the container
/// (the host's startup validation in Development refused to start with it registered).
/// </summary>
internal sealed class InfoContentValidator : AbstractValidator<InfoContent>
{
    public InfoContentValidator(InfoKind kind, LocalGovernmentDirectory directory, ConsultDeskDbContext db)
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage(_ => InfoRules.Required(nameof(InfoContent.Title)))
            .MaximumLength(InfoContent.MaxTitleLength).WithMessage(_ => InfoRules.TooLong(nameof(InfoContent.Title), InfoContent.MaxTitleLength));
        RuleFor(c => c.TitleEn).MaximumLength(InfoContent.MaxTitleLength).WithMessage(_ => InfoRules.TooLong(nameof(InfoContent.TitleEn), InfoContent.MaxTitleLength));
        RuleFor(c => c.Summary).NotEmpty().WithMessage(_ => InfoRules.Required(nameof(InfoContent.Summary)))
            .MaximumLength(InfoContent.MaxSummaryLength).WithMessage(_ => InfoRules.TooLong(nameof(InfoContent.Summary), InfoContent.MaxSummaryLength));
        RuleFor(c => c.SummaryEn).MaximumLength(InfoContent.MaxSummaryLength).WithMessage(_ => InfoRules.TooLong(nameof(InfoContent.SummaryEn), InfoContent.MaxSummaryLength));
        RuleFor(c => c.Body).MaximumLength(InfoContent.MaxBodyLength).WithMessage(_ => InfoRules.TooLong(nameof(InfoContent.Body), InfoContent.MaxBodyLength));
        RuleFor(c => c.BodyEn).MaximumLength(InfoContent.MaxBodyLength).WithMessage(_ => InfoRules.TooLong(nameof(InfoContent.BodyEn), InfoContent.MaxBodyLength));
        RuleFor(c => c.Url).MaximumLength(InfoContent.MaxUrlLength).WithMessage(_ => InfoRules.TooLong(nameof(InfoContent.Url), InfoContent.MaxUrlLength))
            .Must(u => u is null || InfoRules.IsWebUrl(u)).WithMessage(_ => kind == InfoKind.Policy ? InfoRules.PolicyUrl : InfoRules.WebUrl);
        RuleForEach(c => c.Parties).Must(p => Wire.TryParse<InquirerType>(p, out var t) && InfoFacets.PartyTypes.Contains(t))
            .WithMessage(_ => InfoRules.Invalid(nameof(InfoContent.Parties))).OverridePropertyName(nameof(InfoContent.Parties));
        RuleForEach(c => c.Topics).Must(Topic.IsKnown).WithMessage(_ => InfoRules.Invalid(nameof(InfoContent.Topics))).OverridePropertyName(nameof(InfoContent.Topics));
        RuleForEach(c => c.Prefectures).Must(p => p == InfoCodes.National || Prefecture.IsValidCode(p))
            .WithMessage(_ => InfoRules.Invalid(nameof(InfoContent.Prefectures))).OverridePropertyName(nameof(InfoContent.Prefectures));
        switch (kind)
        {
            case InfoKind.Policy:
                RuleFor(c => c.Category).Must(InfoCodes.IsCategory).WithMessage(_ => InfoRules.Required(nameof(InfoContent.Category)));
                RuleFor(c => c.Ministry).Must(InfoCodes.IsMinistry).WithMessage(_ => InfoRules.Required(nameof(InfoContent.Ministry)));
                RuleFor(c => c.Url).NotEmpty().WithMessage(_ => InfoRules.PolicyUrl)
                    .Must(u => !InfoRules.IsPdf(u)).WithMessage(_ => InfoRules.PolicyUrl);
                RuleFor(c => c.Prefectures).NotEmpty().WithMessage(_ => InfoRules.Required(nameof(InfoContent.Prefectures)))
                    .Must(p => !p.Contains(InfoCodes.National) || p.Count == 1).WithMessage(_ => InfoRules.Invalid(nameof(InfoContent.Prefectures)));
                RuleFor(c => c.ApplicationClosesOn).Must((c, closes) => c.ApplicationOpensOn is null || closes is null || closes >= c.ApplicationOpensOn)
                    .WithMessage(_ => InfoRules.PeriodOrder);
                break;
            case InfoKind.Guideline:
                RuleFor(c => c.Publisher).NotEmpty().WithMessage(_ => InfoRules.Required(nameof(InfoContent.Publisher)))
                    .MaximumLength(InfoContent.MaxNameLength).WithMessage(_ => InfoRules.TooLong(nameof(InfoContent.Publisher), InfoContent.MaxNameLength));
                RuleFor(c => c.Edition).NotEmpty().WithMessage(_ => InfoRules.Required(nameof(InfoContent.Edition)))
                    .MaximumLength(InfoContent.MaxEditionLength).WithMessage(_ => InfoRules.TooLong(nameof(InfoContent.Edition), InfoContent.MaxEditionLength));
                break;
            case InfoKind.CaseStudy:
                RuleFor(c => c.Parties).Must(p => p.Count == 1).WithMessage(_ => InfoRules.OneValue(nameof(InfoContent.Parties)));
                RuleFor(c => c.Prefectures).Must(p => p.Count == 1 && p[0] != InfoCodes.National).WithMessage(_ => InfoRules.OneValue(nameof(InfoContent.Prefectures)));
                RuleFor(c => c.OrganizationName).MaximumLength(InfoContent.MaxNameLength)
                    .WithMessage(_ => InfoRules.TooLong(nameof(InfoContent.OrganizationName), InfoContent.MaxNameLength));
                RuleFor(c => c.MunicipalityCode).Must(code => code is null || directory.Find(code) is not null)
                    .WithMessage(_ => InfoRules.UnknownMunicipality);
                RuleFor(c => c.DeclarationNumber)
                    .MustAsync(async (n, ct) => n is null || await db.Declarations.AnyAsync(d => d.Number == n && d.Listed, ct))
                    .WithMessage(_ => InfoRules.UnknownDeclaration);
                break;
        }
    }
}
