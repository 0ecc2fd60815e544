using System.Text.Json;
using ConsultDesk.Domain;

namespace ConsultDesk.UnitTests.Domain;

public sealed class WireTests
{
    private sealed record Stamped(DateTime At);

    [Theory]
    [InlineData(DateTimeKind.Unspecified)] // as SQLite hands a stored instant back
    [InlineData(DateTimeKind.Utc)]         // as PostgreSQL does
    public void A_stored_instant_is_written_as_rfc_3339_with_z_whatever_its_kind(DateTimeKind kind)
    {
        var at = DateTime.SpecifyKind(new DateTime(2027, 2, 1, 9, 30, 15, 123), kind);

        var json = JsonSerializer.Serialize(new Stamped(at), Wire.JsonOptions);

        Assert.Equal("""{"at":"2027-02-01T09:30:15.123Z"}""", json);
    }

    [Fact]
    public void Reading_a_timestamp_with_an_offset_still_gives_the_same_instant()
    {
        var read = JsonSerializer.Deserialize<Stamped>("""{"at":"2027-02-01T18:30:15+09:00"}""", Wire.JsonOptions)!;

        Assert.Equal(new DateTime(2027, 2, 1, 9, 30, 15, DateTimeKind.Utc), read.At.ToUniversalTime());
    }
}
