using ConsultDesk.Resources;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Common.Http;

/// <summary>The one place exceptions become RFC 9457 problem details, with titles in the request's language.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => Validation(validation),
            RequestRejectedException rejected => Rejected(rejected),
            TooManyRequestsException tooMany => TooMany(http, tooMany),
            NotFoundException => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = Texts.ProblemNotFound },
            ConsultDesk.Features.Auth.SignInFailedException => new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = Texts.ProblemSignInFailed },
            ConsultDesk.Features.Auth.TwoFactorRequiredException => new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = Texts.TwoFactorRequired, Extensions = { ["twoFactorRequired"] = true } },
            ConflictException conflict => Conflict(conflict),
            Domain.Declarations.DeclarationStateException refused => DeclarationRefused(refused),
            Domain.Award.AwardRuleException rule => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = Texts.ProblemConflict, Detail = Features.Award.AwardRules.Message(rule.Rule), Extensions = { ["code"] = "award-" + Domain.Wire.Name(rule.Rule) } },
            Domain.CaseRuleException rule => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = Texts.ProblemConflict, Detail = string.Format(Texts.CaseRuleBroken, rule.Code), Extensions = { ["code"] = rule.Code } },
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => new ProblemDetails { Status = StatusCodes.Status412PreconditionFailed, Title = Texts.ProblemPreconditionFailed },
            PreconditionFailedException => new ProblemDetails { Status = StatusCodes.Status412PreconditionFailed, Title = Texts.ProblemPreconditionFailed },
            ForbiddenException => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = Texts.ProblemForbidden },
            UnauthorizedAccessException => new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = Texts.ProblemUnauthorized },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = Texts.ProblemBadRequest },
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => null,
            _ when IsDatabaseBusy(exception) => Busy(http, exception),
            _ => null,
        };
        if (problem is null)
        {
            if (http.RequestAborted.IsCancellationRequested) return true;
            logger.LogError(exception, "Unhandled exception on {Method} {Endpoint}", http.Request.Method, http.GetEndpoint()?.DisplayName);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = Texts.ProblemServerError };
        }
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The database could not serve the request just now (no pooled connection within the wait, a lock, a dropped
    /// connection, retries used up): the request may be sent again, so it is a 503 with Retry-After, not a 500.
    /// </summary>
    public static bool IsDatabaseBusy(Exception exception)
    {
        for (var (current, depth) = (exception, 0); current is not null && depth < 10; (current, depth) = (current.InnerException, depth + 1))
        {
            if (current is System.Data.Common.DbException { IsTransient: true } or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException)
                return true;
        }
        return false;
    }

    private ProblemDetails Busy(HttpContext http, Exception exception)
    {
        logger.LogWarning("The database was busy on {Method} {Endpoint}: {Error}", http.Request.Method, http.GetEndpoint()?.DisplayName, exception.GetType().Name);
        http.Response.Headers.RetryAfter = BusyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = Texts.ProblemBusy };
    }

    private const int BusyRetryAfterSeconds = 5;

    private static HttpValidationProblemDetails Validation(ValidationException validation) =>
        new(validation.Errors
            .GroupBy(e => FieldPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Texts.ProblemValidationTitle,
        };

    private static ProblemDetails Rejected(RequestRejectedException rejected) =>
        rejected.Errors is { } errors
            ? new HttpValidationProblemDetails(errors.ToDictionary()) { Status = rejected.StatusCode, Title = rejected.Message }
            : new ProblemDetails { Status = rejected.StatusCode, Title = rejected.Message };

    private static ProblemDetails Conflict(ConflictException conflict)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = Texts.ProblemConflict, Detail = conflict.Message };
        foreach (var (key, value) in conflict.Details ?? new Dictionary<string, object?>()) problem.Extensions[key] = value;
        return problem;
    }

    /// <summary>An action the declaration's state does not allow: 409 naming the state and the actions it allows (wire names).</summary>
    private static ProblemDetails DeclarationRefused(Domain.Declarations.DeclarationStateException refused) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = Texts.ProblemConflict,
        Detail = Features.Declarations.DeclarationAccess.Refusal(refused),
        Extensions =
        {
            ["code"] = "declaration-state",
            ["status"] = Domain.Wire.Name(refused.Status),
            ["allowedActions"] = refused.Allowed.Select(Domain.Wire.Name).ToArray(),
        },
    };

    private static ProblemDetails TooMany(HttpContext http, TooManyRequestsException tooMany)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(tooMany.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = Texts.ProblemTooManyRequests };
    }

    /// <summary>FluentValidation's <c>Contact.Email</c> or <c>Topics[0]</c> → the JSON path <c>contact.email</c>, <c>topics[0]</c>.</summary>
    public static string FieldPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(segment => segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));
}
