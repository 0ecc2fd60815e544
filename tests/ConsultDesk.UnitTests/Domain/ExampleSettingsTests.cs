using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ConsultDesk.Common;

namespace ConsultDesk.UnitTests.Domain;

public sealed class ExampleSettingsTests
{
    [Fact]
    public void The_example_settings_file_lists_every_setting_at_its_default()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "ConsultDesk.sln"))) root = root.Parent!;
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(root.FullName, "appsettings.example.json")))!;

        var defaults = JsonSerializer.SerializeToNode(new ConsultDeskOptions(), new JsonSerializerOptions
        {
            Converters = { new JsonStringEnumConverter() },
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        })!;

        Assert.True(JsonNode.DeepEquals(defaults, example["ConsultDesk"]),
            $"appsettings.example.json differs from the defaults in ConsultDeskOptions:\n{defaults.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })}");
    }
}
