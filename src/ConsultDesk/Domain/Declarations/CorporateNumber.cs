namespace ConsultDesk.Domain.Declarations;

/// <summary>
/// 法人番号: 13 digits, the first a check digit over the other twelve (国税庁「法人番号の指定等に関する省令」):
/// check = 9 − (Σ Pn × Qn mod 9), where Pn is the n-th digit counted from the right of the twelve-digit base and
/// Qn is 1 for odd n and 2 for even n.
/// </summary>
public static class CorporateNumber
{
    public const int Length = 13;

    public static bool IsValid(string? value)
    {
        if (value is not { Length: Length } || !value.All(char.IsAsciiDigit)) return false;
        return value[0] - '0' == CheckDigit(value.AsSpan(1));
    }

    /// <summary>The check digit for a twelve-digit base.</summary>
    public static int CheckDigit(ReadOnlySpan<char> twelveDigits)
    {
        if (twelveDigits.Length != 12) throw new ArgumentException("The base has twelve digits.", nameof(twelveDigits));
        var sum = 0;
        for (var n = 1; n <= 12; n++)
        {
            var digit = twelveDigits[12 - n] - '0';
            sum += digit * (n % 2 == 1 ? 1 : 2);
        }
        return 9 - sum % 9;
    }

    /// <summary>A valid number built from a twelve-digit base (tests and sample data).</summary>
    public static string WithCheckDigit(string twelveDigits) => $"{CheckDigit(twelveDigits)}{twelveDigits}";
}
