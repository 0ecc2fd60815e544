using System.Text.RegularExpressions;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Resources;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// A round's settings as admins send them (POST creates, PUT replaces). Times are RFC 3339 instants; the pages type
/// them in JST. Categories and criteria may be left out: a new round then gets <see cref="AwardDefaults"/>, a changed
/// round keeps its own.
/// </summary>
public sealed record AwardRoundInput
{
    public int? Year { get; init; }
    public string? Title { get; init; }
    public DateTimeOffset? EntryOpensAt { get; init; }
    public DateTimeOffset? EntryClosesAt { get; init; }
    public DateTimeOffset? JudgingOpensAt { get; init; }
    public DateTimeOffset? JudgingClosesAt { get; init; }
    public DateTimeOffset? PublishAt { get; init; }
    public JudgingMode? Mode { get; init; }
    public ScoreAggregation? Aggregation { get; init; }
    public int? ScaleMin { get; init; }
    public int? ScaleMax { get; init; }
    public IReadOnlyList<AwardCategoryInput>? Categories { get; init; }
    public IReadOnlyList<AwardCriterionInput>? Criteria { get; init; }

    public AwardWindows Windows() => new(EntryOpensAt!.Value.UtcDateTime, EntryClosesAt!.Value.UtcDateTime, JudgingOpensAt!.Value.UtcDateTime,
        JudgingClosesAt!.Value.UtcDateTime, PublishAt!.Value.UtcDateTime);

    public IEnumerable<AwardCategory> CategoriesOf(Guid roundId) =>
        Categories!.Select((c, i) => AwardCategory.Create(roundId, c.Code!.Trim(), c.NameJa!, c.NameEn ?? "", i + 1, c.ForPartnerMunicipality));

    public IEnumerable<AwardCriterion> CriteriaOf(Guid roundId) =>
        Criteria!.Select((c, i) => AwardCriterion.Create(roundId, c.Code!.Trim(), c.NameJa!, c.NameEn ?? "", c.Weight!.Value, i + 1));
}

public sealed record AwardCategoryInput
{
    public string? Code { get; init; }
    public string? NameJa { get; init; }
    public string? NameEn { get; init; }
    public bool ForPartnerMunicipality { get; init; }
}

public sealed record AwardCriterionInput
{
    public string? Code { get; init; }
    public string? NameJa { get; init; }
    public string? NameEn { get; init; }
    public decimal? Weight { get; init; }
}

/// <summary>
/// The validator of a command carrying an <see cref="AwardRoundInput"/>: its failures keep the input's own field
/// paths (<c>categories[1].code</c>, not <c>round.categories[1].code</c>).
/// </summary>
public abstract class AwardRoundCommandValidator<TCommand> : AbstractValidator<TCommand>
{
    private static readonly AwardRoundInputValidator Input = new();

    protected AwardRoundCommandValidator(System.Linq.Expressions.Expression<Func<TCommand, AwardRoundInput>> round) =>
        RuleFor(round).Custom((input, context) =>
        {
            foreach (var failure in Input.Validate(input).Errors) context.AddFailure(failure);
        });
}

/// <summary>The checks of <see cref="AwardRoundInput"/>, with field paths (<c>categories[1].code</c>) the API and the editor share.</summary>
public sealed partial class AwardRoundInputValidator : AbstractValidator<AwardRoundInput>
{
    public const int MinYear = 2000, MaxYear = 2999, MaxRows = 10;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    public static bool IsSlug(string? code) => code is { Length: > 0 and <= AwardCategory.MaxCodeLength } && Slug().IsMatch(code);

    public AwardRoundInputValidator()
    {
        RuleFor(r => r.Year).NotNull().WithMessage(_ => Texts.AwardAdmin_YearInvalid)
            .InclusiveBetween(MinYear, MaxYear).WithMessage(_ => Texts.AwardAdmin_YearInvalid);
        RuleFor(r => r.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => Texts.AwardAdmin_TitleRequired)
            .MaximumLength(AwardRound.MaxTitleLength).WithMessage(_ => string.Format(Texts.TooLong, Texts.AwardAdmin_FieldTitle, AwardRound.MaxTitleLength));
        RuleFor(r => r.EntryOpensAt).NotNull().WithMessage(_ => Texts.AwardAdmin_DateRequired);
        RuleFor(r => r.EntryClosesAt).NotNull().WithMessage(_ => Texts.AwardAdmin_DateRequired);
        RuleFor(r => r.JudgingOpensAt).NotNull().WithMessage(_ => Texts.AwardAdmin_DateRequired);
        RuleFor(r => r.JudgingClosesAt).NotNull().WithMessage(_ => Texts.AwardAdmin_DateRequired);
        RuleFor(r => r.PublishAt).NotNull().WithMessage(_ => Texts.AwardAdmin_DateRequired);
        // The order of the windows is a field error here (the domain's 409 stays as the last guard).
        RuleFor(r => r.EntryClosesAt).Must((r, _) => r.Windows().Problem() is null)
            .When(r => r.EntryOpensAt is not null && r.EntryClosesAt is not null && r.JudgingOpensAt is not null && r.JudgingClosesAt is not null && r.PublishAt is not null)
            .WithMessage(_ => AwardRules.Message(AwardRule.WindowsOutOfOrder));
        RuleFor(r => r.Mode).NotNull().IsInEnum().WithMessage(_ => Texts.AwardAdmin_ModeRequired);
        RuleFor(r => r.Aggregation).NotNull().IsInEnum().WithMessage(_ => Texts.AwardAdmin_AggregationRequired);
        RuleFor(r => r.ScaleMin).InclusiveBetween(0, 99).When(r => r.ScaleMin is not null).WithMessage(_ => AwardRules.Message(AwardRule.ScaleInvalid));
        RuleFor(r => r.ScaleMax).Must((r, max) => max > (r.ScaleMin ?? 1) && max <= 100).When(r => r.ScaleMax is not null || r.ScaleMin is not null)
            .WithMessage(_ => AwardRules.Message(AwardRule.ScaleInvalid));

        RuleFor(r => r.Categories!).Must(c => c.Count is >= 1 and <= MaxRows).When(r => r.Categories is not null)
            .WithMessage(_ => string.Format(Texts.AwardAdmin_RowCount, MaxRows));
        RuleFor(r => r.Categories!).Must(c => c.Select(x => x.Code?.Trim()).Where(IsSlug).Distinct(StringComparer.Ordinal).Count() == c.Count(x => IsSlug(x.Code?.Trim())))
            .When(r => r.Categories is not null).WithMessage(_ => Texts.AwardAdmin_CodeDuplicate);
        RuleForEach(r => r.Categories).ChildRules(c =>
        {
            c.RuleFor(x => x.Code).Must(code => IsSlug(code?.Trim())).WithMessage(_ => Texts.AwardAdmin_CodeInvalid);
            c.RuleFor(x => x.NameJa).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => Texts.AwardAdmin_NameRequired)
                .MaximumLength(AwardCategory.MaxNameLength).WithMessage(_ => string.Format(Texts.TooLong, Texts.AwardAdmin_FieldNameJa, AwardCategory.MaxNameLength));
            c.RuleFor(x => x.NameEn).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => Texts.AwardAdmin_NameRequired)
                .MaximumLength(AwardCategory.MaxNameLength).WithMessage(_ => string.Format(Texts.TooLong, Texts.AwardAdmin_FieldNameEn, AwardCategory.MaxNameLength));
        });

        RuleFor(r => r.Criteria!).Must(c => c.Count is >= 1 and <= MaxRows).When(r => r.Criteria is not null)
            .WithMessage(_ => string.Format(Texts.AwardAdmin_RowCount, MaxRows));
        RuleFor(r => r.Criteria!).Must(c => c.Select(x => x.Code?.Trim()).Where(IsSlug).Distinct(StringComparer.Ordinal).Count() == c.Count(x => IsSlug(x.Code?.Trim())))
            .When(r => r.Criteria is not null).WithMessage(_ => Texts.AwardAdmin_CodeDuplicate);
        RuleForEach(r => r.Criteria).ChildRules(c =>
        {
            c.RuleFor(x => x.Code).Must(code => IsSlug(code?.Trim())).WithMessage(_ => Texts.AwardAdmin_CodeInvalid);
            c.RuleFor(x => x.NameJa).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => Texts.AwardAdmin_NameRequired)
                .MaximumLength(AwardCategory.MaxNameLength).WithMessage(_ => string.Format(Texts.TooLong, Texts.AwardAdmin_FieldNameJa, AwardCategory.MaxNameLength));
            c.RuleFor(x => x.NameEn).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => Texts.AwardAdmin_NameRequired)
                .MaximumLength(AwardCategory.MaxNameLength).WithMessage(_ => string.Format(Texts.TooLong, Texts.AwardAdmin_FieldNameEn, AwardCategory.MaxNameLength));
            c.RuleFor(x => x.Weight).Must(w => w is > 0m and <= AwardCriterion.MaxWeight && decimal.Round(w.Value, 3) == w.Value)
                .WithMessage(_ => Texts.AwardAdmin_WeightInvalid);
        });
    }
}

/// <summary>A round as the API and the pages show it: windows as JST instants (+09:00), its phase now, and its version (ETag).</summary>
public sealed record AwardRoundModel(
    Guid Id, int Year, string Title, DateTimeOffset EntryOpensAt, DateTimeOffset EntryClosesAt, DateTimeOffset JudgingOpensAt,
    DateTimeOffset JudgingClosesAt, DateTimeOffset PublishAt, JudgingMode Mode, ScoreAggregation Aggregation, int ScaleMin, int ScaleMax,
    AwardPhase Phase, bool Locked, int Version, IReadOnlyList<AwardRoundModel.Category> Categories, IReadOnlyList<AwardRoundModel.Criterion> Criteria,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public sealed record Category(Guid Id, string Code, string NameJa, string NameEn, bool ForPartnerMunicipality);

    public sealed record Criterion(Guid Id, string Code, string NameJa, string NameEn, decimal Weight);

    /// <summary>An instant in JST (+09:00) for the wire.</summary>
    public static DateTimeOffset Jst(DateTime utc) => JapanTime.FromLocal(JapanTime.FromUtc(utc));

    public static AwardRoundModel Of(AwardRound r, DateTime nowUtc) => new(
        r.Id, r.Year, r.Title, Jst(r.EntryOpensAt), Jst(r.EntryClosesAt), Jst(r.JudgingOpensAt), Jst(r.JudgingClosesAt), Jst(r.PublishAt),
        r.Mode, r.Aggregation, r.ScaleMin, r.ScaleMax, r.PhaseAt(nowUtc), r.IsLocked(nowUtc), r.Version,
        [.. r.Categories.OrderBy(c => c.Order).Select(c => new Category(c.Id, c.Code, c.NameJa, c.NameEn, c.ForPartnerMunicipality))],
        [.. r.Criteria.OrderBy(c => c.Order).Select(c => new Criterion(c.Id, c.Code, c.NameJa, c.NameEn, c.Weight))],
        Jst(r.CreatedAt), Jst(r.UpdatedAt));

    /// <summary>The input that would save this round unchanged (the editor starts from it).</summary>
    public AwardRoundInput ToInput() => new()
    {
        Year = Year, Title = Title, EntryOpensAt = EntryOpensAt, EntryClosesAt = EntryClosesAt, JudgingOpensAt = JudgingOpensAt,
        JudgingClosesAt = JudgingClosesAt, PublishAt = PublishAt, Mode = Mode, Aggregation = Aggregation, ScaleMin = ScaleMin, ScaleMax = ScaleMax,
        Categories = [.. Categories.Select(c => new AwardCategoryInput { Code = c.Code, NameJa = c.NameJa, NameEn = c.NameEn, ForPartnerMunicipality = c.ForPartnerMunicipality })],
        Criteria = [.. Criteria.Select(c => new AwardCriterionInput { Code = c.Code, NameJa = c.NameJa, NameEn = c.NameEn, Weight = c.Weight })],
    };
}

public static class AwardRoundAccess
{
    public static async Task<AwardRound> LoadAsync(ConsultDeskDbContext db, Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var rounds = tracking ? db.AwardRounds : db.AwardRounds.AsNoTracking();
        return await rounds.AsSplitQuery().Include(r => r.Categories).Include(r => r.Criteria).SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new Common.NotFoundException("Award round");
    }

    /// <summary>One round per year: the results page is /award/{year}.</summary>
    public static async Task EnsureYearFreeAsync(ConsultDeskDbContext db, int year, Guid? except, CancellationToken cancellationToken)
    {
        if (await db.AwardRounds.AnyAsync(r => r.Year == year && r.Id != except, cancellationToken))
            throw new Common.ConflictException(string.Format(Texts.AwardAdmin_YearTaken, year));
    }
}
