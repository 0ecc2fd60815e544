using ConsultDesk.Features.Inquiries;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features;

public static class FeatureEndpoints
{
    /// <summary>Every API slice, one line each.</summary>
    public static IEndpointRouteBuilder MapFeatureEndpoints(this IEndpointRouteBuilder app)
    {
        SubmitInquiry.MapEndpoint(app);
        return app;
    }
}
