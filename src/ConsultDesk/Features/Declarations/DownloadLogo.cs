using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// The movement's badge for an accepted declarant: <c>/sengen/manage/{token}/logo.svg</c> and <c>…/logo.png</c>,
/// opened only by a valid declarant link of a declaration that is listed now (accepted and not withdrawn); anything
/// else is 404, the same answer for a wrong token as for a withdrawn declaration. The files are not in wwwroot, so
/// there is no other way to them. Usage terms: /sengen/logo-terms.
/// </summary>
public static class DownloadLogo
{
    public enum Format { Svg, Png }

    public sealed record Query(string Token, Format Format) : IQuery<Model>, IPublicMessage;

    public sealed record Model(byte[] Content, string ContentType, string FileName);

    private static readonly Lazy<byte[]> Svg = new(() => Read("ConsultDesk.Logo.action-sengen-logo.svg"));
    private static readonly Lazy<byte[]> Png = new(() => Read("ConsultDesk.Logo.action-sengen-logo.png"));

    public sealed class Handler(DeclarationLinks links, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var declaration = await links.FindAsync(query.Token, clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (declaration is not { Listed: true }) throw new NotFoundException("Declaration");
            return query.Format == Format.Svg
                ? new Model(Svg.Value, "image/svg+xml", "action-sengen-logo.svg")
                : new Model(Png.Value, "image/png", "action-sengen-logo.png");
        }
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(DownloadLogo).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded logo {name} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static void MapEndpoint(IEndpointRouteBuilder app)
    {
        Map(app, "/sengen/manage/{token}/logo.svg", Format.Svg);
        Map(app, "/sengen/manage/{token}/logo.png", Format.Png);
    }

    private static void Map(IEndpointRouteBuilder app, string pattern, Format format) =>
        app.MapGet(pattern, async (string token, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            {
                // The URL is the key: never cached, never passed on as a referrer, never indexed.
                var headers = http.Response.Headers;
                headers.CacheControl = "no-store";
                headers["Referrer-Policy"] = "no-referrer";
                headers["X-Robots-Tag"] = "noindex";
                Model model;
                try
                {
                    model = await sender.Send(new Query(token, format), cancellationToken);
                }
                catch (NotFoundException)
                {
                    return Results.NotFound();
                }
                headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = model.FileName }.ToString();
                if (format == Format.Svg) headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
                return Results.Bytes(model.Content, model.ContentType);
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PublicLookup)
            .Produces(StatusCodes.Status200OK, contentType: format == Format.Svg ? "image/svg+xml" : "image/png")
            .Produces(StatusCodes.Status404NotFound)
            .WithName(format == Format.Svg ? "DownloadLogoSvg" : "DownloadLogoPng")
            .WithSummary($"The Action宣言 badge as {format.ToString().ToUpperInvariant()} for an accepted declarant")
            .WithDescription("Opened by the declarant's link token (the one in the acceptance mail). 404 unless the token is valid and the declaration is listed (accepted, not withdrawn). Served as an attachment; terms of use at /sengen/logo-terms.")
            .WithTags("Declarations");
}
