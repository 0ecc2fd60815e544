using ConsultDesk.Domain;
using ConsultDesk.Resources;
using FluentValidation;

namespace ConsultDesk.Common;

/// <summary>The desk's shared field rules, with messages in the request's language.</summary>
public static class ValidationRules
{
    public static IRuleBuilderOptions<T, string?> Required<T>(this IRuleBuilder<T, string?> rule, Func<string> field) =>
        rule.NotEmpty().WithMessage(_ => string.Format(Texts.Required, field()));

    /// <summary>One line of at most <paramref name="maxLength"/> characters: no CR/LF or other control characters.</summary>
    public static IRuleBuilderOptions<T, string?> SingleLine<T>(this IRuleBuilder<T, string?> rule, int maxLength, Func<string> field) =>
        rule.Must(v => v is null || JapaneseText.TextLength(v) <= maxLength).WithMessage(_ => string.Format(Texts.TooLong, field(), maxLength))
            .Must(JapaneseText.IsSingleLine).WithMessage(_ => string.Format(Texts.SingleLine, field()));
}
