using System.Globalization;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Features.Award;

namespace ConsultDesk.Web.Pages.Desk.Award;

/// <summary>
/// A round's settings as the desk's form carries them: windows as JST <c>datetime-local</c> values, weights as typed
/// text (a bad number is a field error, never a binding failure), category and criterion rows by index.
/// </summary>
public sealed class RoundForm
{
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    public int? Year { get; set; }
    public string? Title { get; set; }
    public string? EntryOpensAt { get; set; }
    public string? EntryClosesAt { get; set; }
    public string? JudgingOpensAt { get; set; }
    public string? JudgingClosesAt { get; set; }
    public string? PublishAt { get; set; }
    public string? Mode { get; set; }
    public string? Aggregation { get; set; }
    public int? ScaleMin { get; set; }
    public int? ScaleMax { get; set; }
    /// <summary>The version the editor read (If-Match).</summary>
    public int? Version { get; set; }
    public List<CategoryRow> Categories { get; set; } = [];
    public List<CriterionRow> Criteria { get; set; } = [];

    public sealed class CategoryRow
    {
        public string? Code { get; set; }
        public string? NameJa { get; set; }
        public string? NameEn { get; set; }
        public bool ForPartnerMunicipality { get; set; }
    }

    public sealed class CriterionRow
    {
        public string? Code { get; set; }
        public string? NameJa { get; set; }
        public string? NameEn { get; set; }
        public string? Weight { get; set; }
    }

    public static string Local(DateTimeOffset at) => JapanTime.FromUtc(at.UtcDateTime).ToString(LocalFormat, CultureInfo.InvariantCulture);

    /// <summary>A JST wall-clock value from the form as an instant (null when empty or malformed: the validator says so).</summary>
    public static DateTimeOffset? Instant(string? local) =>
        DateTime.TryParseExact(local?.Trim(), [LocalFormat, "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? JapanTime.FromLocal(value)
            : null;

    /// <summary>A new round's form: next year, windows spread from April (entries a month, judging a month, results in autumn).</summary>
    public static RoundForm Suggested(DateTime nowUtc)
    {
        var year = JapanTime.FromUtc(nowUtc).Year + 1;
        return new RoundForm
        {
            Year = year,
            Title = $"{year}年度 地方創生テレワークアワード",
            EntryOpensAt = $"{year}-06-01T10:00", EntryClosesAt = $"{year}-07-01T17:00",
            JudgingOpensAt = $"{year}-07-08T10:00", JudgingClosesAt = $"{year}-08-31T17:00", PublishAt = $"{year}-10-01T10:00",
            Mode = Wire.Name(JudgingMode.Blind), Aggregation = Wire.Name(ScoreAggregation.Mean), ScaleMin = 1, ScaleMax = 5,
        };
    }

    public static RoundForm Of(AwardRoundModel round) => new()
    {
        Year = round.Year, Title = round.Title,
        EntryOpensAt = Local(round.EntryOpensAt), EntryClosesAt = Local(round.EntryClosesAt), JudgingOpensAt = Local(round.JudgingOpensAt),
        JudgingClosesAt = Local(round.JudgingClosesAt), PublishAt = Local(round.PublishAt),
        Mode = Wire.Name(round.Mode), Aggregation = Wire.Name(round.Aggregation), ScaleMin = round.ScaleMin, ScaleMax = round.ScaleMax, Version = round.Version,
        Categories = [.. round.Categories.Select(c => new CategoryRow { Code = c.Code, NameJa = c.NameJa, NameEn = c.NameEn, ForPartnerMunicipality = c.ForPartnerMunicipality })],
        Criteria = [.. round.Criteria.Select(c => new CriterionRow { Code = c.Code, NameJa = c.NameJa, NameEn = c.NameEn, Weight = c.Weight.ToString("0.###", CultureInfo.InvariantCulture) })],
    };

    /// <param name="withRows">False for the create form (the round starts with the defaults).</param>
    public AwardRoundInput ToInput(bool withRows) => new()
    {
        Year = Year, Title = Title,
        EntryOpensAt = Instant(EntryOpensAt), EntryClosesAt = Instant(EntryClosesAt), JudgingOpensAt = Instant(JudgingOpensAt),
        JudgingClosesAt = Instant(JudgingClosesAt), PublishAt = Instant(PublishAt),
        Mode = Wire.TryParse<JudgingMode>(Mode, out var mode) ? mode : null,
        Aggregation = Wire.TryParse<ScoreAggregation>(Aggregation, out var aggregation) ? aggregation : null,
        ScaleMin = ScaleMin, ScaleMax = ScaleMax,
        Categories = withRows ? [.. Categories.Select(c => new AwardCategoryInput { Code = c.Code, NameJa = c.NameJa, NameEn = c.NameEn, ForPartnerMunicipality = c.ForPartnerMunicipality })] : null,
        Criteria = withRows
            ? [.. Criteria.Select(c => new AwardCriterionInput
            {
                Code = c.Code, NameJa = c.NameJa, NameEn = c.NameEn,
                // An unreadable weight becomes 0, which the validator refuses on that row's field.
                Weight = decimal.TryParse(c.Weight?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var weight) ? weight : 0m,
            })]
            : null,
    };
}

/// <summary>What the shared fields partial needs: the typed values, the field errors (by the validator's property path), whether the year is fixed.</summary>
public sealed record RoundFieldsView(RoundForm Form, IReadOnlyDictionary<string, string> Errors, bool YearFixed)
{
    public string? Error(string field) => Errors.TryGetValue(field, out var message) ? message : null;
}
