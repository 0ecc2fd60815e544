namespace ConsultDesk.Common;

/// <summary>Marks a message anyone may send, signed in or not (public intake).</summary>
public interface IPublicMessage;

/// <summary>Marks a message only the system itself sends (background jobs); no endpoint exposes it.</summary>
public interface ISystemMessage;

/// <summary>Marks a message that only signed-in users in one of the given roles may send.</summary>
public interface IRoleRestrictedMessage
{
    static abstract IReadOnlyList<string> AllowedRoles { get; }
}
