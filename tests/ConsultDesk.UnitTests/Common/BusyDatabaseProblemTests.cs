using System.Text.Json;
using ConsultDesk.Common.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ConsultDesk.UnitTests.Common;

/// <summary>A database that cannot serve the request just now is a 503 with Retry-After, not a 500.</summary>
public sealed class BusyDatabaseProblemTests
{
    private static async Task<(int Status, string? RetryAfter, string Body)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = "POST";
        http.Request.Headers.Accept = "application/json";
        http.Response.Body = new MemoryStream();
        var handler = new ProblemExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ProblemExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(http, exception, CancellationToken.None));
        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, http.Response.Headers.RetryAfter.ToString(), await new StreamReader(http.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task An_exhausted_connection_pool_is_a_503_with_retry_after()
    {
        // What Npgsql throws when no pooled connection frees up within the wait, as EF Core passes it on.
        var exhausted = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new NpgsqlException("The connection pool has been exhausted.", new TimeoutException()));

        var (status, retryAfter, body) = await HandleAsync(exhausted);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("5", retryAfter);
        Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Any_other_failure_stays_a_500_without_retry_after()
    {
        var (status, retryAfter, _) = await HandleAsync(new InvalidOperationException("a bug", new NpgsqlException("syntax error")));

        Assert.Equal(StatusCodes.Status500InternalServerError, status);
        Assert.Equal("", retryAfter);
    }
}
