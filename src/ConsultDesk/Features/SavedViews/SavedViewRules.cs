using ConsultDesk.Common;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Cases;
using ConsultDesk.Resources;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ConsultDesk.Features.SavedViews;

/// <summary>What saving and renaming a view share: the name's rules, and the queue filter a view stores.</summary>
public static class SavedViewRules
{
    public static IRuleBuilderOptions<T, string?> ViewName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Required(() => "name").SingleLine(SavedView.MaxNameLength, () => "name");

    /// <summary>
    /// The queue's filters read from <paramref name="queryString"/> exactly as the queue reads them (a value the queue
    /// refuses is refused here, under <c>query</c>), written back in the queue's fixed order without a page position.
    /// </summary>
    public static string CanonicalFilter(string? queryString)
    {
        var text = (queryString ?? "").Trim().TrimStart('?');
        if (text.Length > SavedView.MaxQueryLength) throw Invalid(string.Format(Texts.TooLong, "query", SavedView.MaxQueryLength));
        ListCases.Query query;
        try
        {
            query = ListCases.Parse(new QueryCollection(QueryHelpers.ParseQuery(text)));
        }
        catch (ValidationException ex)
        {
            throw Invalid(string.Join(" ", ex.Errors.Select(e => e.ErrorMessage)));
        }
        var result = new ListCases.Validator().Validate(query with { Cursor = null, Before = null, Limit = Common.Queries.QueryParameters.DefaultLimit });
        if (!result.IsValid) throw Invalid(string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
        var canonical = ListCases.FilterString(query);
        return canonical.Length <= SavedView.MaxQueryLength ? canonical : throw Invalid(string.Format(Texts.TooLong, "query", SavedView.MaxQueryLength));
    }

    public static ValidationException Invalid(string message, string field = "query") =>
        new([new FluentValidation.Results.ValidationFailure(field, message)]);
}
