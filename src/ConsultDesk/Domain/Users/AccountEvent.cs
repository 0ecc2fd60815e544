namespace ConsultDesk.Domain.Users;

/// <summary>
/// One line of the account audit list: a sign-in event or a change to a staff account. It holds who did it, to whom,
/// what and from which address: never a password, a token or what was typed into the sign-in form.
/// </summary>
public sealed class AccountEvent
{
    private AccountEvent() { }

    public Guid Id { get; private set; }
    public DateTime OccurredAt { get; private set; }
    /// <summary>Who acted: the admin, or the user themselves; null when nobody was signed in (a failed sign-in, a forgotten password).</summary>
    public Guid? ActorUserId { get; private set; }
    /// <summary>Whose account it is about; null for a sign-in attempt with an address no account has.</summary>
    public Guid? SubjectUserId { get; private set; }
    /// <summary>One of <see cref="AccountEventKinds"/>.</summary>
    public string Kind { get; private set; } = "";
    public string? ClientIp { get; private set; }

    public static AccountEvent Create(string kind, Guid? actorUserId, Guid? subjectUserId, string? clientIp, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(),
        OccurredAt = nowUtc,
        ActorUserId = actorUserId,
        SubjectUserId = subjectUserId,
        Kind = kind,
        ClientIp = clientIp is { Length: > 45 } ? clientIp[..45] : clientIp,
    };
}

/// <summary>The kinds of <see cref="AccountEvent"/>, as stored and as the API returns them.</summary>
public static class AccountEventKinds
{
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignedOut = "signed-out";
    public const string Created = "created";
    public const string RolesChanged = "roles-changed";
    public const string Disabled = "disabled";
    public const string Enabled = "enabled";
    public const string PasswordResetRequested = "password-reset-requested";
    public const string PasswordResetCompleted = "password-reset-completed";
    public const string PasswordChanged = "password-changed";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorDisabled = "two-factor-disabled";

    public static readonly IReadOnlyList<string> All =
        [SignedIn, SignInFailed, LockedOut, SignedOut, Created, RolesChanged, Disabled, Enabled, PasswordResetRequested, PasswordResetCompleted, PasswordChanged, TwoFactorEnabled, TwoFactorDisabled];
}
