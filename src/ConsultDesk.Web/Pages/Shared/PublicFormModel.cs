using ConsultDesk.Resources;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Shared;

/// <summary>
/// A page the public submits (inquiry, portal, and the declaration and award forms to come): refusals beside their
/// fields and one message above the form, the page shown again with its status code.
/// </summary>
public abstract class PublicFormModel : PageModel
{
    /// <summary>Refusals by field, in the order they were found.</summary>
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>The message above the form (the error summary's heading), null when there is nothing to say.</summary>
    public string? FormMessage { get; protected set; }

    public string? ErrorFor(string field) => FieldErrors.GetValueOrDefault(field);

    /// <summary>Puts a validator's refusals beside their fields (the first one per field wins).</summary>
    protected void AddFieldErrors(ValidationException exception, Func<string, string>? fieldFor = null)
    {
        foreach (var failure in exception.Errors)
            FieldErrors.TryAdd(fieldFor is null ? failure.PropertyName : fieldFor(failure.PropertyName), failure.ErrorMessage);
    }

    /// <summary>Puts validator failures beside their fields after any already there (the first one per field wins).</summary>
    protected void AddFieldErrors(IEnumerable<FluentValidation.Results.ValidationFailure> failures, Func<string, string>? fieldFor = null)
    {
        foreach (var failure in failures)
            FieldErrors.TryAdd(fieldFor is null ? failure.PropertyName : fieldFor(failure.PropertyName), failure.ErrorMessage);
    }

    /// <summary>
    /// Puts the refusals in the order the fields appear on the page, so the summary reads top to bottom however they
    /// were found (conversion errors first, then the validator's); fields not listed keep their order at the end.
    /// </summary>
    protected void OrderFieldErrors(IReadOnlyList<string> fieldOrder)
    {
        var position = fieldOrder.Select((field, at) => (field, at)).ToDictionary(p => p.field, p => p.at, StringComparer.Ordinal);
        var ordered = FieldErrors.OrderBy(e => position.GetValueOrDefault(e.Key, int.MaxValue)).ToList();
        FieldErrors.Clear();
        foreach (var error in ordered) FieldErrors[error.Key] = error.Value;
    }

    /// <summary>The page again with <paramref name="message"/> above the form (and <paramref name="statusCode"/> when given).</summary>
    protected PageResult Redisplay(string? message = null, int? statusCode = null)
    {
        FormMessage = message ?? Texts.FormErrorSummary;
        if (statusCode is { } code) Response.StatusCode = code;
        OnRedisplay();
        return Page();
    }

    /// <summary>What a shown-again form needs afresh (a new fill-time stamp, say).</summary>
    protected virtual void OnRedisplay()
    {
    }
}
