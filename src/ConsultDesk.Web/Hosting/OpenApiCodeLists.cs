using System.Text;
using System.Text.Json.Nodes;
using ConsultDesk.Domain;
using Microsoft.OpenApi;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// Puts the API's code lists (<see cref="CodeLists"/>) into the OpenAPI document: enum schemas and the string
/// properties and parameters that carry codes get their allowed values (<c>enum</c>), a label per value in Japanese
/// and English (<c>x-enum-descriptions</c>, aligned with <c>enum</c>; <c>x-enumNames</c> for client generators) and a
/// table in their description; the document's introduction lists every code list with its labels.
/// </summary>
public static class OpenApiCodeLists
{
    public static void Apply(OpenApiDocument document)
    {
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (schema is not OpenApiSchema concrete) continue;
            if (CodeLists.ForEnum(name) is { } list) Label(concrete, list, setValues: false);
            foreach (var (property, propertySchema) in concrete.Properties ?? new Dictionary<string, IOpenApiSchema>())
                if (CodeLists.ForMember(property) is { } memberList && propertySchema is OpenApiSchema p) Constrain(p, memberList);
        }
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []))
            foreach (var parameter in operation.Parameters ?? [])
                if (parameter.Name is { } name && CodeLists.ForMember(name) is { } list && parameter.Schema is OpenApiSchema p) Constrain(p, list);

        document.Info ??= new OpenApiInfo();
        document.Info.Description = (document.Info.Description ?? "") + "\n\n" + Tables();
    }

    /// <summary>A string (or array of strings) property or parameter: only this list's codes are valid.</summary>
    private static void Constrain(OpenApiSchema schema, CodeList list)
    {
        var target = schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is OpenApiSchema items ? items : schema;
        if (target.Type?.HasFlag(JsonSchemaType.String) != true || target.Enum is { Count: > 0 }) return;
        Label(target, list, setValues: true);
    }

    private static void Label(OpenApiSchema schema, CodeList list, bool setValues)
    {
        if (setValues)
        {
            schema.Enum = [.. list.Entries.Select(e => (JsonNode)JsonValue.Create(e.Code)!)];
            if (schema.Type?.HasFlag(JsonSchemaType.Null) == true) schema.Enum.Add(null!);
        }
        var byCode = list.Entries.ToDictionary(e => e.Code, StringComparer.Ordinal);
        var values = (schema.Enum ?? []).Select(v => v?.GetValue<string>()).ToList();
        var descriptions = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v is not null && byCode.TryGetValue(v, out var e) ? $"{e.Ja} / {e.En}" : ""))]);
        var names = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v ?? ""))]);
        schema.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        schema.Extensions["x-enum-descriptions"] = new JsonNodeExtension(descriptions);
        schema.Extensions["x-enumNames"] = new JsonNodeExtension(names);
        if (schema.Description?.Contains("| code |", StringComparison.Ordinal) != true)
            schema.Description = Join(schema.Description, Table(list, heading: false));
    }

    private static string Join(string? a, string b) => string.IsNullOrEmpty(a) ? b : a + "\n\n" + b;

    private static string Table(CodeList list, bool heading)
    {
        var text = new StringBuilder();
        if (heading) text.Append("### ").Append(list.TitleJa).Append(" / ").Append(list.TitleEn).Append(" (`").Append(list.Name).Append("`)\n\n");
        else text.Append("**").Append(list.TitleJa).Append(" / ").Append(list.TitleEn).Append("**\n\n");
        text.Append("| code | 日本語 | English |\n| --- | --- | --- |\n");
        foreach (var e in list.Entries) text.Append("| `").Append(e.Code).Append("` | ").Append(e.Ja).Append(" | ").Append(e.En).Append(" |\n");
        return text.ToString();
    }

    private static string Tables() =>
        "## コード一覧 / Code lists\n\n" +
        "Values on the wire are the codes; the labels are what the desk's pages show. " +
        "Each enum in the schemas below carries the same labels in `x-enum-descriptions`.\n\n" +
        string.Join("\n", CodeLists.All.Select(l => Table(l, heading: true)));
}
