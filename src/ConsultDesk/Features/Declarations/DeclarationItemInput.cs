using System.Globalization;
using System.Text.RegularExpressions;
using ConsultDesk.Common;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Resources;
using FluentValidation;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// What an admin sends for a commitment item or agreement (<c>/api/v1/declaration-items</c>). <see cref="Code"/> is
/// given only for a new agreement (a slug); a commitment's code is the next number; codes never change afterwards,
/// because declarations store them. Omitted flags and order keep their value (a new item: not sample, active, last).
/// </summary>
public sealed record DeclarationItemInput(DeclarationItemKind? Kind = null, string? Code = null, string? LabelJa = null, string? LabelEn = null,
    string? DescriptionJa = null, string? DescriptionEn = null, bool? IsSample = null, int? SortOrder = null, bool? Active = null)
{
    public const int MaxSortOrder = 1_000_000;
}

/// <summary>The field rules shared by create and update (labels, descriptions, order).</summary>
public sealed class DeclarationItemInputValidator : AbstractValidator<DeclarationItemInput>
{
    public DeclarationItemInputValidator()
    {
        RuleFor(i => i.LabelJa).Required(() => Texts.SengenItemsLabelJa).SingleLine(DeclarationItem.MaxLabelLength, () => Texts.SengenItemsLabelJa);
        RuleFor(i => i.LabelEn).SingleLine(DeclarationItem.MaxLabelLength, () => Texts.SengenItemsLabelEn);
        RuleFor(i => i.DescriptionJa).MaximumLength(DeclarationItem.MaxDescriptionLength)
            .WithMessage(_ => string.Format(Texts.TooLong, Texts.SengenItemsDescriptionJa, DeclarationItem.MaxDescriptionLength));
        RuleFor(i => i.DescriptionEn).MaximumLength(DeclarationItem.MaxDescriptionLength)
            .WithMessage(_ => string.Format(Texts.TooLong, Texts.SengenItemsDescriptionEn, DeclarationItem.MaxDescriptionLength));
        RuleFor(i => i.SortOrder).InclusiveBetween(0, DeclarationItemInput.MaxSortOrder).When(i => i.SortOrder is not null)
            .WithMessage(_ => string.Format(Texts.SengenItemsSortOrderRange, DeclarationItemInput.MaxSortOrder));
    }
}

public static partial class DeclarationItemAddress
{
    /// <summary>An agreement's code: lower-case letters, digits and hyphens, starting with a letter (never a commitment's number).</summary>
    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    public static bool IsSlug(string? code) => code is { Length: > 0 and <= DeclarationItem.MaxCodeLength } && SlugPattern().IsMatch(code);

    /// <summary>
    /// The item's version for If-Match: its UpdatedAt in ticks. Saves move UpdatedAt strictly forward in whole
    /// microseconds (what PostgreSQL keeps), and UpdatedAt is the row's concurrency token.
    /// </summary>
    public static long VersionOf(DeclarationItem item) => item.UpdatedAt.Ticks;

    public static DateTime NextStamp(DateTime previous, DateTime nowUtc)
    {
        var stamp = new DateTime(nowUtc.Ticks - nowUtc.Ticks % 10, DateTimeKind.Utc);
        return stamp > previous ? stamp : DateTime.SpecifyKind(previous.AddTicks(10), DateTimeKind.Utc);
    }

    public static string ETagOf(long version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>If-Match as a version (null when absent or <c>*</c>); a malformed value can never match.</summary>
    public static long? ExpectedVersion(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0 || value == "*") return null;
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        return value.Length > 2 && value.StartsWith('"') && value.EndsWith('"')
            && long.TryParse(value[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : -1;
    }

    public static FluentValidation.Results.ValidationFailure Failure(string property, string message) => new(property, message);
}
