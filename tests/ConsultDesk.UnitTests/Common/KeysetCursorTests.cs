using System.Buffers.Text;
using System.Text;
using ConsultDesk.Common.Queries;

namespace ConsultDesk.UnitTests.Common;

public sealed class KeysetCursorTests
{
    private static readonly DateTime At = new(2026, 11, 26, 1, 2, 3, DateTimeKind.Utc);
    private static readonly Guid Id = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

    private static string Raw(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_reference_keyed_cursor_round_trips()
    {
        Assert.True(KeysetCursor.TryDecode(KeysetCursor.Encode(At.AddTicks(7), "CD-2026-000042"), out var at, out string key));

        Assert.Equal((At.AddTicks(7), DateTimeKind.Utc, "CD-2026-000042"), (at, at.Kind, key));
    }

    [Fact]
    public void An_id_keyed_cursor_round_trips()
    {
        Assert.True(KeysetCursor.TryDecode(KeysetCursor.Encode(At, Id), out var at, out Guid id));

        Assert.Equal((At, Id), (at, id));
    }

    [Fact]
    public void Cursors_are_url_safe_and_carry_their_version()
    {
        var cursor = KeysetCursor.Encode(DateTime.MaxValue, "??>>~~" + new string('ü', 40));

        Assert.Matches("^[A-Za-z0-9_-]+$", cursor);
        Assert.Equal($"[1,{At.Ticks},\"{Id}\"]", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(KeysetCursor.Encode(At, Id))));
    }

    [Fact]
    public void The_unversioned_cursors_of_earlier_releases_still_decode()
    {
        Assert.True(KeysetCursor.TryDecode(Raw($"[{At.Ticks},\"CD-2026-000042\"]"), out var at, out string key));
        Assert.Equal((At, "CD-2026-000042"), (at, key));
        Assert.True(KeysetCursor.TryDecode(Raw($"[{At.Ticks},\"{Id}\"]"), out _, out Guid id));
        Assert.Equal(Id, id);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("")]
    [InlineData("%%%")]
    [InlineData("W10")] // []
    public void Garbage_is_refused(string text)
    {
        Assert.False(KeysetCursor.TryDecode(text, out _, out string _));
        Assert.False(KeysetCursor.TryDecode(text, out _, out Guid _));
    }

    [Theory]
    [InlineData("[2,638680000000000000,\"CD-2026-000042\"]")] // another version
    [InlineData("[1,638680000000000000,\"CD-2026-000042\",\"extra\"]")]
    [InlineData("[1,\"638680000000000000\",\"CD-2026-000042\"]")] // ticks as text
    [InlineData("[1,638680000000000000,42]")] // key as a number
    [InlineData("[1,-1,\"CD-2026-000042\"]")] // before DateTime.MinValue
    [InlineData("[1,3155378976000000000,\"CD-2026-000042\"]")] // after DateTime.MaxValue
    [InlineData("[1,1.5,\"CD-2026-000042\"]")]
    [InlineData("{\"at\":638680000000000000,\"key\":\"CD-2026-000042\"}")]
    [InlineData("[1,638680000000000000]")]
    public void A_tampered_cursor_is_refused(string json) => Assert.False(KeysetCursor.TryDecode(Raw(json), out _, out string _));

    [Fact]
    public void An_id_keyed_list_refuses_a_key_that_is_not_an_id()
    {
        Assert.False(KeysetCursor.TryDecode(KeysetCursor.Encode(At, "CD-2026-000042"), out _, out Guid _));
        Assert.False(KeysetCursor.TryDecode(KeysetCursor.Encode(At, Id.ToString("N")), out _, out Guid _));
    }

    [Fact]
    public void A_cursor_cut_short_is_refused()
    {
        var cursor = KeysetCursor.Encode(At, Id);

        Assert.False(KeysetCursor.TryDecode(cursor[..^3], out _, out Guid _));
        Assert.False(KeysetCursor.TryDecode(new string('A', 600), out _, out string _));
    }
}
