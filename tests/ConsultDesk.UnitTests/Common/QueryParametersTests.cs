using ConsultDesk.Common.Queries;
using ConsultDesk.Domain;
using ConsultDesk.Features.Cases;
using ConsultDesk.Resources;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ConsultDesk.UnitTests.Common;

public sealed class QueryParametersTests
{
    private static QueryParameters Of(params (string Key, string[] Values)[] pairs) =>
        new(new QueryCollection(pairs.ToDictionary(p => p.Key, p => new StringValues(p.Values))));

    private static QueryParameters Of(string key, string value) => Of((key, [value]));

    private static void AssertProblem(string field, string message, Action read)
    {
        var failure = Assert.Single(Assert.Throws<ValidationException>(read).Errors);
        Assert.Equal((field, message), (failure.PropertyName, failure.ErrorMessage));
    }

    [Fact]
    public void Enums_are_read_comma_separated_repeated_or_both_by_their_wire_names()
    {
        var statuses = Of(("status", ["new, in-consultation", "closed"])).Enums<CaseStatus>("status", Texts.QueueStatus);

        Assert.Equal([CaseStatus.New, CaseStatus.InConsultation, CaseStatus.Closed], statuses);
        Assert.Empty(Of().Enums<CaseStatus>("status", Texts.QueueStatus));
    }

    [Fact]
    public void An_unknown_enum_name_is_a_problem_naming_the_parameter()
    {
        AssertProblem("status", Texts.QueueStatus, () => Of(("status", ["new,pending"])).Enums<CaseStatus>("status", Texts.QueueStatus));
        AssertProblem("status", Texts.QueueStatus, () => Of("status", "New").Enums<CaseStatus>("status", Texts.QueueStatus));
        AssertProblem("inquirerType", Texts.InquirerTypeRequired, () => Of("inquirerType", "alien").Enum<InquirerType>("inquirerType", Texts.InquirerTypeRequired));
        Assert.Equal(InquirerType.Municipality, Of("inquirerType", "municipality").Enum<InquirerType>("inquirerType", Texts.InquirerTypeRequired));
        Assert.Null(Of("inquirerType", "").Enum<InquirerType>("inquirerType", Texts.InquirerTypeRequired));
    }

    [Fact]
    public void The_limit_has_a_default_and_a_non_number_is_a_problem()
    {
        Assert.Equal(50, Of().Limit());
        Assert.Equal(50, Of("limit", " ").Limit());
        Assert.Equal(20, Of().Limit(20, Texts.MatchLimitInvalid));
        Assert.Equal(100, Of("limit", "100").Limit());
        // A sign is read, so the validator's range rule answers for it with the same message and field.
        Assert.Equal(-1, Of("limit", "-1").Limit());
        AssertProblem("limit", Texts.QueueLimit, () => Of("limit", "ten").Limit());
        AssertProblem("limit", Texts.QueueLimit, () => Of("limit", "99999999999").Limit());
        AssertProblem("limit", Texts.MatchLimitInvalid, () => Of("limit", "1.5").Limit(20, Texts.MatchLimitInvalid));
    }

    [Fact]
    public void The_page_limit_rule_keeps_one_to_the_maximum()
    {
        var validator = new ListCases.Validator();

        Assert.True(validator.Validate(new ListCases.Query { Limit = QueryParameters.MaxLimit }).IsValid);
        foreach (var limit in new[] { 0, -1, QueryParameters.MaxLimit + 1 })
        {
            var failure = Assert.Single(validator.Validate(new ListCases.Query { Limit = limit }).Errors);
            Assert.Equal(("Limit", Texts.QueueLimit), (failure.PropertyName, failure.ErrorMessage));
        }
    }

    [Fact]
    public void The_date_range_is_read_as_jst_calendar_dates()
    {
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), Of(("from", ["2026-11-01"]), ("to", [" 2026-11-30 "])).DateRange());
        Assert.Equal((null, null), Of().DateRange());
        AssertProblem("from", Texts.ReportDate, () => Of("from", "2026-13-01").DateRange());
        AssertProblem("to", Texts.ReportDate, () => Of("to", "yesterday").DateRange());
        AssertProblem("to", Texts.ReportDate, () => Of("to", "2026/11/30").DateRange());
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("", null)]
    public void Flags_are_true_false_one_or_zero(string text, bool? expected) =>
        Assert.Equal(expected, Of("published", text).Flag("published", Texts.MunicipalityBoolean));

    [Fact]
    public void Another_flag_is_a_problem() =>
        AssertProblem("hasFreeSeats", Texts.MunicipalityBoolean, () => Of("hasFreeSeats", "yes").Flag("hasFreeSeats", Texts.MunicipalityBoolean));

    [Fact]
    public void Text_is_trimmed_and_empty_text_is_absent()
    {
        Assert.Equal("13", Of("prefectureCode", " 13 ").Text("prefectureCode"));
        Assert.Null(Of("prefectureCode", "   ").Text("prefectureCode"));
        Assert.Equal("month", Of().Text("interval", "month"));
        Assert.Equal("abc", Of("after", "abc").Cursor("after"));
        Assert.Null(Of().Cursor());
    }

    [Fact]
    public void The_queue_parser_reads_every_filter()
    {
        var query = ListCases.Parse(new QueryCollection(new Dictionary<string, StringValues>
        {
            ["status"] = new(["new,closed", "triaged"]), ["inquirerType"] = "company", ["limit"] = "20", ["from"] = "2026-11-01",
            ["to"] = "2026-11-30", ["sort"] = "submitted-asc", ["assignee"] = "me", ["cursor"] = "abc", ["q"] = "テレワーク",
        }));

        Assert.Equal([CaseStatus.New, CaseStatus.Closed, CaseStatus.Triaged], query.Statuses);
        Assert.Equal((InquirerType.Company, 20, "submitted-asc", "me", "abc", "テレワーク"), (query.InquirerType, query.Limit, query.Sort, query.Assignee, query.Cursor, query.Q));
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (query.From, query.To));
        var defaults = ListCases.Parse(new QueryCollection());
        Assert.Equal((50, "due", 0), (defaults.Limit, defaults.Sort, defaults.Statuses.Count));
    }
}
