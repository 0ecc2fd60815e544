using System.Diagnostics;
using System.Text;
using ConsultDesk.Mail.Inbound;
using MimeKit;

namespace ConsultDesk.UnitTests.Inbound;

/// <summary>
/// Mail built to make the text conversion quadratic: each must convert in linear time and memory, and give no more
/// than the 100,000 characters a case keeps. The bounds are generous; the quadratic conversion needed gigabytes.
/// </summary>
public sealed class ConversionBombTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(2);
    private const long AllocationBound = 50L * 1024 * 1024;

    private T Measured<T>(Func<T> convert)
    {
        convert(); // JIT and MimeKit's static tables out of the way
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var result = convert();
        clock.Stop();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        output.WriteLine($"{clock.ElapsedMilliseconds} ms, {bytes / 1024} KB allocated");
        Assert.True(clock.Elapsed < TimeBound, $"took {clock.Elapsed}");
        Assert.True(bytes < AllocationBound, $"allocated {bytes / 1024 / 1024} MB");
        return result;
    }

    [Fact]
    public void Nested_blockquotes_then_line_breaks_convert_in_linear_time_and_memory()
    {
        // 250 KB of nested <blockquote> then 250 KB of "x<br>": N lines of 2N characters each, before the fix.
        var html = string.Concat(Enumerable.Repeat("<blockquote>", 250_000 / 12)) + string.Concat(Enumerable.Repeat("x<br>", 250_000 / 5));

        var text = Measured(() => HtmlText.ToText(html));

        Assert.True(text.Length <= InboundMessage.MaxTextLength, $"{text.Length} characters");
        var first = text.Split('\n')[0];
        Assert.Equal(string.Concat(Enumerable.Repeat("> ", HtmlText.MaxQuoteDepth)) + "x", first);
    }

    [Fact]
    public void The_nesting_bomb_as_an_html_only_mail_reads_in_linear_time_and_memory()
    {
        var html = string.Concat(Enumerable.Repeat("<blockquote>", 250_000 / 12)) + string.Concat(Enumerable.Repeat("x<br>", 250_000 / 5));
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("A", "a@example.jp"));
        message.Subject = "html";
        message.Body = new TextPart("html") { Text = html };
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        var raw = buffer.ToArray();
        var parsed = MimeMessage.Load(new MemoryStream(raw));

        var mail = Measured(() => InboundMessage.Read(parsed, raw));

        Assert.True(mail.FromHtml);
        Assert.InRange(mail.Text.Length, 1, InboundMessage.MaxTextLength);
        Assert.Equal("", mail.NewText);   // all of it is quoted history
    }

    [Fact]
    public void Paragraphs_after_a_line_of_quote_marks_convert_in_linear_time()
    {
        var html = "<p>" + new string('>', 200_000) + "</p>" + string.Concat(Enumerable.Repeat("<p></p>", 300_000 / 7)) + "<p>end</p>";

        var text = Measured(() => HtmlText.ToText(html));

        Assert.True(text.Length <= InboundMessage.MaxTextLength);
    }

    [Fact]
    public void A_format_flowed_mail_of_soft_breaks_converts_in_linear_time_and_memory()
    {
        // 700 KB of soft-broken lines make one paragraph; each line was appended by copying the paragraph so far.
        var body = string.Concat(Enumerable.Repeat("word \r\n", 100_000)) + "end\r\n";
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("A", "a@example.jp"));
        message.Subject = "flowed";
        var part = new TextPart("plain") { Text = body };
        part.ContentType.Parameters["format"] = "flowed";
        message.Body = part;
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        var raw = buffer.ToArray();
        var parsed = MimeMessage.Load(new MemoryStream(raw));

        var mail = Measured(() => InboundMessage.Read(parsed, raw));

        Assert.Equal(InboundMessage.MaxTextLength, mail.Text.Length);
        Assert.StartsWith("word word word ", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_flowed_mail_still_joins_its_soft_breaks()
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("A", "a@example.jp"));
        var part = new TextPart("plain") { Text = "> quoted \r\n> more\r\n\r\nfirst \r\nsecond\r\n-- \r\nsig\r\n" };
        part.ContentType.Parameters["format"] = "flowed";
        message.Body = part;
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);

        var mail = InboundMessage.Read(MimeMessage.Load(new MemoryStream(buffer.ToArray())), buffer.ToArray());

        Assert.Equal("> quoted more\n\nfirst second\n-- \nsig", mail.Text);
    }
}
