using Mediator;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.Common.Behaviors;

/// <summary>
/// Every message states who may send it (<see cref="IPublicMessage"/>, <see cref="ISystemMessage"/> or
/// <see cref="IRoleRestrictedMessage"/>); a message that states nothing is refused. A message that is both a system
/// and a role-restricted message is sent by the system (no HTTP request) or by a user in one of the roles.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(IHttpContextAccessor httpContextAccessor, ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case IPublicMessage:
                break;
            case ISystemMessage when httpContextAccessor.HttpContext is null:
                break;
            case ISystemMessage when message is not IRoleRestrictedMessage:
                throw new ForbiddenException($"{typeof(TMessage).DeclaringType?.Name} is sent by the system only.");
            default:
                if (currentUser.Id is null) throw new UnauthorizedAccessException();
                if (!AllowedRoles.Any(currentUser.IsInRole)) throw new ForbiddenException($"{typeof(TMessage).DeclaringType?.Name} needs one of the roles {string.Join(", ", AllowedRoles)}.");
                break;
        }
        return next(message, cancellationToken);
    }

    // Read once per message type, not on every send (the property is a static on the message).
    private static readonly IReadOnlyList<string> AllowedRoles =
        typeof(TMessage).GetProperty(nameof(IRoleRestrictedMessage.AllowedRoles),
            System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null) as IReadOnlyList<string> ?? [];
}
