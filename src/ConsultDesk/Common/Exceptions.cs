namespace ConsultDesk.Common;

/// <summary>A request the API refuses before it reaches a use case (unreadable body, wrong media type, too large).</summary>
public sealed class RequestRejectedException(int statusCode, string title, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(title)
{
    public int StatusCode { get; } = statusCode;
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;
}

/// <summary>A sender went over a limit; <see cref="RetryAfter"/> says when it may try again.</summary>
public sealed class TooManyRequestsException(TimeSpan retryAfter) : Exception("Too many requests.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

public sealed class ForbiddenException(string message) : Exception(message);
