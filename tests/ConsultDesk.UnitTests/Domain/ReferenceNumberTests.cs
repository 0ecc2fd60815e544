using ConsultDesk.Domain;

namespace ConsultDesk.UnitTests.Domain;

public sealed class ReferenceNumberTests
{
    [Fact]
    public void The_year_is_the_year_in_japan() 
    {
        // 2026-12-31 15:00 UTC is already 2027-01-01 00:00 in Tokyo.
        Assert.Equal(2026, ReferenceNumber.JapanYear(new DateTime(2026, 12, 31, 14, 59, 59, DateTimeKind.Utc)));
        Assert.Equal(2027, ReferenceNumber.JapanYear(new DateTime(2026, 12, 31, 15, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void References_are_zero_padded_to_six_digits()
    {
        Assert.Equal("CD-2026-000001", ReferenceNumber.Format(2026, 1));
        Assert.Equal("CD-2026-123456", ReferenceNumber.Format(2026, 123456));
        Assert.True(ReferenceNumber.IsWellFormed("CD-2026-000001"));
        Assert.False(ReferenceNumber.IsWellFormed("CD-26-000001"));
        Assert.False(ReferenceNumber.IsWellFormed("XX-2026-000001"));
    }
}
