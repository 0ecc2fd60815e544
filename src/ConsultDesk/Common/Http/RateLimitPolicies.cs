namespace ConsultDesk.Common.Http;

public static class RateLimitPolicies
{
    /// <summary>Anonymous intake (API and forms): a fixed window per client address.</summary>
    public const string PublicIntake = "public-intake";
}
