namespace ConsultDesk.Common;

/// <summary>Marks a message anyone may send, signed in or not (public intake).</summary>
public interface IPublicMessage;

/// <summary>
/// Marks a message the system itself sends (background jobs); no endpoint exposes it, unless it is also an
/// <see cref="IRoleRestrictedMessage"/> (then users in those roles may send it too, e.g. the report queries).
/// </summary>
public interface ISystemMessage;

/// <summary>Marks a message that only signed-in users in one of the given roles may send.</summary>
public interface IRoleRestrictedMessage
{
    static abstract IReadOnlyList<string> AllowedRoles { get; }
}
