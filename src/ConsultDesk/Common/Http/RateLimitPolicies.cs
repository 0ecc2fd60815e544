namespace ConsultDesk.Common.Http;

public static class RateLimitPolicies
{
    /// <summary>Anonymous intake (API and forms): a fixed window per client address.</summary>
    public const string PublicIntake = "public-intake";

    /// <summary>Sign-in attempts per client address, on top of the per-account lockout.</summary>
    public const string SignIn = "sign-in";

    /// <summary>Requests for a fresh portal link per client address (only submissions count).</summary>
    public const string PortalLink = "portal-link";

    /// <summary>"Forgot password" requests per client address per hour (only submissions count).</summary>
    public const string PasswordReset = "password-reset";

    /// <summary>Anonymous look-ups that forms make as people type (postal codes): reads per client address per minute.</summary>
    public const string PublicLookup = "public-lookup";
}
