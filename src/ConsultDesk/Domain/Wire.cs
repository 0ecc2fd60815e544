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
        options.Converters.Add(new UtcDateTimeConverter());
        return options;
    }

    /// <summary>
    /// Every stored instant is UTC, but SQLite hands DateTime back with an unspecified kind, which the default writer
    /// prints without an offset. Written here as RFC 3339 with <c>Z</c> on both databases; reading is unchanged.
    /// </summary>
    private sealed class UtcDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTime();

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc));
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
