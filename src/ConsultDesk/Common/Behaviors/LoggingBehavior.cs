using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Common.Behaviors;

/// <summary>Logs each use case by name and duration; never the message's contents, which hold personal data.</summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    // Every slice's message is a nested "Command"/"Query", so the declaring type names the use case.
    private static readonly string UseCase = typeof(TMessage).DeclaringType?.Name ?? typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            logger.LogDebug("{UseCase} handled in {ElapsedMs:F1} ms", UseCase, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            logger.LogInformation("{UseCase} ended with {Exception} after {ElapsedMs:F1} ms", UseCase, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
