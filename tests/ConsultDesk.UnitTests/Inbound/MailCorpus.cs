using System.Text.Json;
using MimeKit;

namespace ConsultDesk.UnitTests.Inbound;

/// <summary>The corpus of real .eml bytes written by tests/tools/make_mail_corpus.py, with what each must read as.</summary>
public static class MailCorpus
{
    public sealed record Expected(
        string File, string Description, string FromAddress, string? FromName, string Subject, string Text,
        string NewText, string? QuotedText, bool Html, string? Ignored, string? MessageId);

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Inbound", "Corpus");

    public static IReadOnlyList<Expected> All { get; } =
        JsonSerializer.Deserialize<List<Expected>>(File.ReadAllText(Path.Combine(Directory, "expected.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    public static Expected Get(string file) => All.Single(e => e.File == file);

    public static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Directory, file));

    public static MimeMessage Parse(byte[] raw)
    {
        using var stream = new MemoryStream(raw);
        return MimeMessage.Load(stream);
    }

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var entry in All) data.Add(entry.File);
        return data;
    }
}
