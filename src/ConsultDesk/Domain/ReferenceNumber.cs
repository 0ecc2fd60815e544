namespace ConsultDesk.Domain;

/// <summary>A case's public reference, CD-YYYY-NNNNNN: year in Japan time, sequence within that year.</summary>
public static class ReferenceNumber
{
    public static int JapanYear(DateTime utc) => Calendar.JapanTime.FromUtc(utc).Year;

    public static string Format(int year, long sequence) => $"CD-{year:D4}-{sequence:D6}";

    public static bool IsWellFormed(string? value) =>
        value is { Length: >= 14 } && value.StartsWith("CD-", StringComparison.Ordinal) && value[7] == '-'
        && value.AsSpan(3, 4).ContainsOnlyDigits() && value.AsSpan(8).ContainsOnlyDigits();

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> span)
    {
        foreach (var ch in span) if (!char.IsAsciiDigit(ch)) return false;
        return span.Length > 0;
    }
}
