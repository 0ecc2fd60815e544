using System.Globalization;
using ConsultDesk.Domain;
using ConsultDesk.Resources;
using FluentValidation;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.Common.Queries;

/// <summary>
/// The one way a list endpoint reads its query string. Every value is trimmed and an empty one counts as absent;
/// a value that cannot be read is a <see cref="ValidationException"/> naming the parameter, which the problem handler
/// turns into the same 400 validation problem as a validator's (range checks stay in the slice's validator).
/// </summary>
public readonly struct QueryParameters(IQueryCollection query)
{
    /// <summary>Rows per page when the client names no limit, and the most it may ask for.</summary>
    public const int DefaultLimit = 50, MaxLimit = 100;

    public string? Text(string name) => query[name].ToString().Trim() is { Length: > 0 } text ? text : null;

    public string Text(string name, string fallback) => Text(name) ?? fallback;

    /// <summary>An opaque keyset cursor (<see cref="KeysetCursor"/>); the slice's validator checks that it decodes.</summary>
    public string? Cursor(string name = "cursor") => Text(name);

    /// <summary>A whole number; a sign is read, so the validator's range check gives the message for a negative one.</summary>
    public int Int(string name, int fallback, string message) =>
        Text(name) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(name, message);

    /// <summary>The page size (<c>limit</c>); <see cref="QueryRules.PageLimit{T}"/> keeps it within 1..<see cref="MaxLimit"/>.</summary>
    public int Limit(int fallback = DefaultLimit, string? message = null) => Int("limit", fallback, message ?? Texts.QueueLimit);

    /// <summary><c>true</c>/<c>1</c> or <c>false</c>/<c>0</c>.</summary>
    public bool? Flag(string name, string message) => Text(name) switch
    {
        null => null,
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw Invalid(name, message),
    };

    /// <summary>An enum by its wire name (kebab-case, as in JSON).</summary>
    public TEnum? Enum<TEnum>(string name, string message) where TEnum : struct, System.Enum =>
        Text(name) is not { } text ? null : Wire.TryParse<TEnum>(text, out var value) ? value : throw Invalid(name, message);

    /// <summary>Enums by wire name, comma-separated, repeated (<c>status=a&amp;status=b</c>) or both; empty when absent.</summary>
    public IReadOnlyList<TEnum> Enums<TEnum>(string name, string message) where TEnum : struct, System.Enum
    {
        var values = new List<TEnum>();
        foreach (var text in query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            values.Add(Wire.TryParse<TEnum>(text, out var value) ? value : throw Invalid(name, message));
        return values;
    }

    /// <summary>A calendar date (JST) as <c>yyyy-MM-dd</c>.</summary>
    public DateOnly? Date(string name) =>
        Text(name) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : throw Invalid(name, Texts.ReportDate);

    /// <summary>The inclusive JST date range <c>from</c>/<c>to</c>; its order and span are the validator's to check.</summary>
    public (DateOnly? From, DateOnly? To) DateRange() => (Date("from"), Date("to"));

    /// <summary>The problem for a value that cannot be read: a 400 validation problem with <paramref name="message"/> under <paramref name="field"/>.</summary>
    public static ValidationException Invalid(string field, string message) =>
        new([new FluentValidation.Results.ValidationFailure(field, message)]);
}

/// <summary>The validator rules every list shares, with the messages the endpoints have always given.</summary>
public static class QueryRules
{
    public static IRuleBuilderOptions<T, int> PageLimit<T>(this IRuleBuilder<T, int> rule, int max = QueryParameters.MaxLimit) =>
        rule.InclusiveBetween(1, max).WithMessage(_ => Texts.QueueLimit);

    /// <summary>Absent, or a cursor that <paramref name="decodes"/> accepts.</summary>
    public static IRuleBuilderOptions<T, string?> PageCursor<T>(this IRuleBuilder<T, string?> rule, Func<string, bool> decodes) =>
        rule.Must(c => c is null || decodes(c)).WithMessage(_ => Texts.QueueCursor);
}
