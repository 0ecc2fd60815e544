using ConsultDesk.Common.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;

namespace ConsultDesk.Web.Pages.Shared;

/// <summary>
/// Marks a page anyone may submit without signing in and puts its per-client rate-limit policy on the page's
/// endpoint (<see cref="RateLimitPolicies.PublicIntake"/> unless another is named). Antiforgery stays on as for every
/// page; bot defences and error rendering come from <see cref="PublicFormModel"/> and <see cref="GuardedPublicFormModel"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class PublicFormAttribute(string rateLimitPolicy = RateLimitPolicies.PublicIntake) : Attribute, IPageApplicationModelConvention
{
    public string RateLimitPolicy { get; } = rateLimitPolicy;

    public void Apply(PageApplicationModel model) => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimitPolicy));
}
