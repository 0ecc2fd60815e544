using ConsultDesk.Domain;

namespace ConsultDesk.UnitTests.Domain;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("a@example.jp", "a@example.jp")]
    [InlineData("A+1@Example.JP", "a@example.jp")]
    [InlineData("a+2@example.jp", "a@example.jp")]
    [InlineData("a+x+y@example.jp", "a@example.jp")]
    [InlineData("first.last+news@example.jp", "first.last@example.jp")]
    [InlineData("First.Last+news@gmail.com", "firstlast@gmail.com")]
    [InlineData("f.i.r.s.t.last@googlemail.com", "firstlast@gmail.com")]
    [InlineData("+only@example.jp", "+only@example.jp")]
    public void The_limit_key_folds_case_plus_tags_and_gmail_dots(string address, string key) =>
        Assert.Equal(key, EmailAddress.LimitKey(address));

    [Fact]
    public void Dots_stay_significant_outside_gmail() =>
        Assert.NotEqual(EmailAddress.LimitKey("a.b@example.jp"), EmailAddress.LimitKey("ab@example.jp"));
}
