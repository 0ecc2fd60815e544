using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConsultDesk.Domain;

/// <summary>How domain values look on the wire and in the database: camelCase properties, kebab-case enum names.</summary>
public static class Wire
{
    public static readonly JsonNamingPolicy EnumNaming = JsonNamingPolicy.KebabCaseLower;

    public static readonly JsonSerializerOptions JsonOptions = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(EnumNaming, allowIntegerValues: false));
        return options;
    }

    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => EnumNaming.ConvertName(value.ToString());

    public static bool TryParse<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
