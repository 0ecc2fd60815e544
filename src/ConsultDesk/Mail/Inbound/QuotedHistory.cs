using System.Text.RegularExpressions;

namespace ConsultDesk.Mail.Inbound;

/// <summary>
/// Splits what an inquirer wrote now from the history their client quoted below it, so the timeline shows the new
/// text and keeps the rest folded. Quoted history is every line starting with <c>&gt;</c> (or a full-width ＞) and
/// everything from the first quote header on: <c>On … wrote:</c>, Gmail's <c>2026年11月20日(金) 10:00 山田 &lt;…&gt;:</c>,
/// Thunderbird's <c>… さんは書きました:</c>, <c>-----Original Message-----</c>, <c>-------- 元のメッセージ --------</c>,
/// and Outlook's From:/Sent: (差出人:/送信日時:) block.
/// </summary>
public static partial class QuotedHistory
{
    public sealed record Split(string NewText, string? Quoted);

    public static Split Fold(string text)
    {
        var lines = text.Split('\n');
        var header = FindHeader(lines);
        var fresh = new List<string>();
        var quoted = new List<string>();
        for (var i = 0; i < (header < 0 ? lines.Length : header); i++)
            (IsQuoteLine(lines[i]) ? quoted : fresh).Add(lines[i]);
        if (header >= 0) quoted.AddRange(lines[header..]);

        var newText = Tidy(fresh);
        var history = Tidy(quoted);
        return new Split(newText, history.Length == 0 ? null : history);
    }

    private static string Tidy(List<string> lines) => string.Join('\n', lines).TrimEnd().TrimStart('\n');

    public static bool IsQuoteLine(string line) => line.StartsWith('>') || line.StartsWith('＞');

    /// <summary>The index of the first quote header line, or -1.</summary>
    private static int FindHeader(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || IsQuoteLine(line)) continue;
            if (Separator().IsMatch(line)) return i;
            // "… wrote:" and "… さんは書きました:" only with a date, an address or a name in them: not "as I wrote:".
            if ((line.EndsWith("wrote:", StringComparison.Ordinal) || WroteJa().IsMatch(line))
                && (line.StartsWith("On ", StringComparison.Ordinal) || line.Contains('@') || line.Contains("さん", StringComparison.Ordinal) || line.Any(char.IsAsciiDigit)))
                return i;
            if (JapaneseDateHeader().IsMatch(line) && (line.Contains('@') || line.Contains('<') || line.Contains("書きました", StringComparison.Ordinal))) return i;
            // Gmail wraps a long "On …, Name <address> wrote:" over two or three lines.
            if (line.StartsWith("On ", StringComparison.Ordinal) && NextLines(lines, i, 2).Any(l => l.TrimEnd().EndsWith("wrote:", StringComparison.Ordinal))) return i;
            // Outlook without a separator line: From:/Sent: (差出人:/送信日時:) right after each other.
            if (OutlookFrom().IsMatch(line) && NextLines(lines, i, 3).Any(l => OutlookSent().IsMatch(l.Trim()))) return i;
            if (Underscores().IsMatch(line) && NextLines(lines, i, 2).Any(l => OutlookFrom().IsMatch(l.Trim()))) return i;
        }
        return -1;
    }

    private static IEnumerable<string> NextLines(string[] lines, int index, int count) =>
        lines.Skip(index + 1).Take(count);

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Forwarded message|Forwarded Message|元のメッセージ|転送されたメッセージ|転送メッセージ|オリジナルメッセージ)\s*-{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex Separator();

    [GeneratedRegex(@"書きました\s*[:：]$")]
    private static partial Regex WroteJa();

    [GeneratedRegex(@"^\d{4}\s*[年/\-.]\s*\d{1,2}\s*[月/\-.]\s*\d{1,2}.*[:：]$")]
    private static partial Regex JapaneseDateHeader();

    [GeneratedRegex(@"^\*?(From|差出人|送信者)\s*\*?\s*[:：]", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookFrom();

    [GeneratedRegex(@"^\*?(Sent|Date|送信日時|日時|日付)\s*\*?\s*[:：]", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookSent();

    [GeneratedRegex(@"^_{10,}$")]
    private static partial Regex Underscores();
}
