using System.Text;

namespace ConsultDesk.Features.Info;

/// <summary>
/// The rules of one site's robots.txt that apply to the link checker (RFC 9309): the groups naming our product token
/// (the User-Agent up to its first '/'), or else the <c>*</c> groups; the longest matching Allow/Disallow path wins,
/// Allow on a tie; <c>*</c> matches any run of characters and a final <c>$</c> anchors the end. Only the rules of those
/// groups are kept, so memory stays within the (bounded) file's size.
/// </summary>
public sealed class RobotsTxt
{
    private readonly IReadOnlyList<(string Pattern, bool Allow)> rules;

    private RobotsTxt(IReadOnlyList<(string, bool)> rules) => this.rules = rules;

    /// <summary>Everything allowed (no robots.txt, or one that says nothing to us).</summary>
    public static readonly RobotsTxt AllowAll = new([]);

    public int RuleCount => rules.Count;

    public static RobotsTxt Parse(string text, string userAgent)
    {
        var token = ProductToken(userAgent);
        var ours = new List<(string, bool)>();
        var star = new List<(string, bool)>();
        var agents = new List<string>();
        var inRules = false;
        var anyOurs = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key is "user-agent")
            {
                if (inRules)
                {
                    agents.Clear();
                    inRules = false;
                }
                agents.Add(value);
                if (value.Equals(token, StringComparison.OrdinalIgnoreCase)) anyOurs = true;
                continue;
            }
            if (key is not ("allow" or "disallow")) continue;
            inRules = true;
            if (agents.Count == 0 || value.Length == 0) continue;   // an empty Disallow allows everything: no rule
            var rule = (Normalize(value), key == "allow");
            if (agents.Any(a => a.Equals(token, StringComparison.OrdinalIgnoreCase))) ours.Add(rule);
            if (agents.Contains("*")) star.Add(rule);
        }
        var chosen = anyOurs ? ours : star;
        return chosen.Count == 0 ? AllowAll : new RobotsTxt(chosen);
    }

    /// <summary>Whether the checker may request <paramref name="url"/> (its path and query).</summary>
    public bool Allows(Uri url)
    {
        var path = url.PathAndQuery;
        if (path == "/robots.txt") return true;
        var best = -1;
        var allow = true;
        foreach (var (pattern, isAllow) in rules)
        {
            if (!Matches(pattern, path)) continue;
            if (pattern.Length > best || (pattern.Length == best && isAllow))
            {
                best = pattern.Length;
                allow = isAllow;
            }
        }
        return allow;
    }

    private static string ProductToken(string userAgent)
    {
        var slash = userAgent.IndexOfAny(['/', ' ']);
        return (slash < 0 ? userAgent : userAgent[..slash]).Trim();
    }

    /// <summary>Non-ASCII characters of a rule percent-encoded as in a URI's path (upper-case hex), so rules and paths compare alike.</summary>
    private static string Normalize(string pattern)
    {
        if (pattern.All(c => c < 128)) return pattern;
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(pattern))
            if (b < 128) sb.Append((char)b);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>
    /// A prefix match with <c>*</c> wildcards and an optional final <c>$</c>: the greedy two-pointer glob match, which
    /// backtracks only to the last <c>*</c> and so never goes exponential.
    /// </summary>
    internal static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var p = anchored ? pattern[..^1] : pattern;
        int i = 0, j = 0, star = -1, mark = 0;
        while (j < path.Length)
        {
            if (i == p.Length && !anchored) return true;
            if (i < p.Length && p[i] == '*')
            {
                star = i++;
                mark = j;
            }
            else if (i < p.Length && p[i] == path[j])
            {
                i++;
                j++;
            }
            else if (star >= 0)
            {
                i = star + 1;
                j = ++mark;
            }
            else return false;
        }
        while (i < p.Length && p[i] == '*') i++;
        return i == p.Length;
    }
}
