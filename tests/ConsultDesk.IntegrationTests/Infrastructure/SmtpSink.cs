using MimeKit;

namespace ConsultDesk.IntegrationTests.Infrastructure;

/// <summary>Reads what the real SMTP sink (tests/tools/smtp_sink.py) received: one .eml file per delivery.</summary>
public static class SmtpSink
{
    public static IReadOnlyList<MimeMessage> MessagesTo(IReadOnlyCollection<string> addresses)
    {
        var wanted = new HashSet<string>(addresses, StringComparer.OrdinalIgnoreCase);
        var found = new List<MimeMessage>();
        foreach (var file in Directory.EnumerateFiles(TestEnvironment.SmtpDirectory, "*.eml"))
        {
            var message = MimeMessage.Load(file);
            if (message.To.Mailboxes.Any(m => wanted.Contains(m.Address))) found.Add(message);
        }
        return found;
    }

    /// <summary>The .eml files delivered to an address, as the sink wrote them.</summary>
    public static IReadOnlyList<string> FilesTo(string address) =>
        Directory.EnumerateFiles(TestEnvironment.SmtpDirectory, "*.eml")
            .Where(file => MimeMessage.Load(file).To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    /// <summary>Waits until every address has at least one message (or the time is up), then returns all of theirs.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> WaitForAsync(IReadOnlyCollection<string> addresses, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = MessagesTo(addresses);
            var covered = messages.SelectMany(m => m.To.Mailboxes).Select(m => m.Address).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (addresses.All(covered.Contains) || DateTime.UtcNow > deadline) return messages;
            await Task.Delay(250);
        }
    }
}
