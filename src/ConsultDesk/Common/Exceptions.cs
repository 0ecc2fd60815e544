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

/// <summary>The request conflicts with the current state (a duplicate, an illegal move); the message says how.</summary>
public sealed class ConflictException(string message, IReadOnlyDictionary<string, object?>? details = null) : Exception(message)
{
    public IReadOnlyDictionary<string, object?>? Details { get; } = details;
}

/// <summary>An If-Match precondition no longer holds: someone changed the resource since the client read it.</summary>
public sealed class PreconditionFailedException() : Exception("The resource has changed since it was read.");
