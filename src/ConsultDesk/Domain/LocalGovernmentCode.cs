namespace ConsultDesk.Domain;

/// <summary>
/// 全国地方公共団体コード: 2-digit prefecture + 3-digit municipality + check digit.
/// The check digit is (11 − Σ(d1..d5 × 6,5,4,3,2) mod 11) mod 10, as 総務省 defines it.
/// </summary>
public static class LocalGovernmentCode
{
    public static bool IsValid(string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit) && code[5] - '0' == CheckDigit(code.AsSpan(0, 5))
        && Prefecture.IsValidCode(code[..2]);

    public static int CheckDigit(ReadOnlySpan<char> fiveDigits)
    {
        if (fiveDigits.Length != 5) throw new ArgumentException("A local government code body has five digits.", nameof(fiveDigits));
        var sum = 0;
        for (var i = 0; i < 5; i++) sum += (fiveDigits[i] - '0') * (6 - i);
        return (11 - sum % 11) % 10;
    }

    public static string PrefectureCodeOf(string code) => code[..2];
}
