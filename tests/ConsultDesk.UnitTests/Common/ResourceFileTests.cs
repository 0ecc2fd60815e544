using System.Xml.Linq;

namespace ConsultDesk.UnitTests.Common;

/// <summary>
/// The texts are merged by several people at once (the resx files merge by union): a key written twice compiles and
/// silently shows one of the two texts, so duplicates and keys missing in one language fail here.
/// </summary>
public sealed class ResourceFileTests
{
    private static IReadOnlyList<string> Keys(string file)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "ConsultDesk.sln"))) root = root.Parent!;
        return XDocument.Load(Path.Combine(root.FullName, "src", "ConsultDesk", "Resources", file)).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!).ToList();
    }

    [Theory]
    [InlineData("Texts.resx")]
    [InlineData("Texts.en.resx")]
    public void Every_text_key_is_written_once(string file) =>
        Assert.Empty(Keys(file).GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));

    [Fact]
    public void Japanese_and_English_have_the_same_keys() =>
        Assert.Equal(Keys("Texts.resx").Order(StringComparer.Ordinal), Keys("Texts.en.resx").Order(StringComparer.Ordinal));
}
