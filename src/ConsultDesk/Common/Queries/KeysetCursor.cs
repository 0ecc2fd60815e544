using System.Buffers.Text;
using System.Text.Json;

namespace ConsultDesk.Common.Queries;

/// <summary>
/// The position after the last row of a keyset page, (a time, a tie-breaking key), opaque to clients: base64url JSON
/// <c>[1, ticks, key]</c>, the first element being the format's version. Anything that does not decode to exactly that
/// (edited, truncated, another version) is refused, and the list answers 400; the unversioned <c>[ticks, key]</c> of
/// earlier releases still decodes, so a "next page" link open across an upgrade keeps working.
/// </summary>
public static class KeysetCursor
{
    private const int Version = 1;

    public static string Encode(DateTime at, string key) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new object[] { Version, at.Ticks, key }));

    public static string Encode(DateTime at, Guid key) => Encode(at, key.ToString("D"));

    /// <summary>The time (UTC) and the key as text; false for anything that is not a cursor.</summary>
    public static bool TryDecode(string? text, out DateTime at, out string key)
    {
        at = default;
        key = "";
        if (string.IsNullOrEmpty(text) || text.Length > 512) return false;
        try
        {
            var parts = JsonSerializer.Deserialize<JsonElement[]>(Base64Url.DecodeFromChars(text));
            var (ticks, value) = parts switch
            {
                [{ ValueKind: JsonValueKind.Number } version, { ValueKind: JsonValueKind.Number } t, { ValueKind: JsonValueKind.String } k]
                    when version.TryGetInt32(out var v) && v == Version => (t, k),
                [{ ValueKind: JsonValueKind.Number } t, { ValueKind: JsonValueKind.String } k] => (t, k),
                _ => (default(JsonElement), default(JsonElement)),
            };
            if (value.ValueKind != JsonValueKind.String || !ticks.TryGetInt64(out var n) || n < DateTime.MinValue.Ticks || n > DateTime.MaxValue.Ticks)
                return false;
            at = new DateTime(n, DateTimeKind.Utc);
            key = value.GetString()!;
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The same for a list keyed by id.</summary>
    public static bool TryDecode(string? text, out DateTime at, out Guid key)
    {
        key = Guid.Empty;
        return TryDecode(text, out at, out string id) && Guid.TryParseExact(id, "D", out key);
    }
}
