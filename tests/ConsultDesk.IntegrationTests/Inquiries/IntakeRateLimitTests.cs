using System.Net;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Inquiries;

public sealed class StrictRateLimitApp() : ConsultDeskAppFactory("Sqlite")
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["ConsultDesk:RateLimiting:Intake:PerIpPerMinute"] = "3",
        ["ConsultDesk:RateLimiting:Intake:PerEmailPerDay"] = "2",
    };
}

[CollectionDefinition(Name)]
public sealed class StrictRateLimitCollection : ICollectionFixture<StrictRateLimitApp>
{
    public const string Name = "app with strict intake limits";
}

[Collection(StrictRateLimitCollection.Name)]
public sealed class IntakeRateLimitTests(StrictRateLimitApp app)
{
    [Fact]
    public async Task Limits_per_address_and_per_client_answer_429_with_retry_after()
    {
        using var client = app.CreateClient();
        var email = Infrastructure.Inquiries.UniqueEmail("limit");

        var first = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Worker(email));
        var second = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Worker(email.ToUpperInvariant()));
        var thirdSameAddress = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Worker(email));
        var fourthFromSameClient = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Worker());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);

        // Third call: within the per-client budget of 3, but the address has used its 2 per day.
        Assert.Equal(HttpStatusCode.TooManyRequests, thirdSameAddress.StatusCode);
        Assert.Equal("application/problem+json", thirdSameAddress.Content.Headers.ContentType?.MediaType);
        var perAddressRetry = thirdSameAddress.Headers.RetryAfter?.Delta;
        Assert.NotNull(perAddressRetry);
        Assert.InRange(perAddressRetry.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));

        // Fourth call from the same client in the same minute: the per-client window is exhausted.
        Assert.Equal(HttpStatusCode.TooManyRequests, fourthFromSameClient.StatusCode);
        Assert.Equal("application/problem+json", fourthFromSameClient.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(fourthFromSameClient.Headers.RetryAfter?.Delta);
        var problem = JsonDocument.Parse(await fourthFromSameClient.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal(2, await app.CountCasesAsync());

        // The forms share the client's budget and answer with the HTML error page, not JSON.
        var form = await client.PostAsync("/inquiries/worker", new FormUrlEncodedContent([new("Form.Subject", "x")]));
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.Equal("text/html", form.Content.Headers.ContentType?.MediaType);
        Assert.Contains("送信回数の上限に達しました", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
