using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Info;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Info;

/// <summary>
/// /info/{kind}/feed.atom?&lt;any finder query&gt;: the newest <see cref="Entries"/> items the same filters keep, as an
/// Atom 1.0 feed (System.ServiceModel.Syndication writes RFC 3339 dates); its self link is the request's own URL, so
/// every finder URL has a feed a reader can subscribe to.
/// </summary>
public static class GetInfoFeed
{
    public const int Entries = 50;

    public sealed record Query(FindInfoItems.Query Finder, string SelfUrl) : IQuery<string>, IPublicMessage;

    public sealed class Handler(ISender sender, IOptions<ConsultDeskOptions> options) : IQueryHandler<Query, string>
    {
        public async ValueTask<string> Handle(Query query, CancellationToken cancellationToken)
        {
            var finder = query.Finder with { Sort = InfoSort.Newest, Page = 1, Size = Entries, WithoutFacets = true };
            var result = await sender.Send(finder, cancellationToken);
            var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
            var kind = InfoCodes.KindSlug(finder.Kind);
            var entries = result.Items.Select(i =>
            {
                var url = new Uri($"{baseUrl}/info/{kind}/{i.Slug}");
                return new SyndicationItem(i.Title, i.Summary, url, url.AbsoluteUri, new DateTimeOffset(i.UpdatedAt))
                {
                    PublishDate = new DateTimeOffset(i.PublishedAt),
                };
            }).ToList();
            var name = InfoCodes.KindName(finder.Kind);
            var feed = new SyndicationFeed($"{(finder.English ? name.En : name.Ja)} | {Texts.InfoPublic_PortalTitle}",
                Texts.InfoPublic_FeedDescription, new Uri($"{baseUrl}/info/{kind}{FindInfoItems.QueryString(finder with { Page = 1, Sort = query.Finder.Sort })}"),
                query.SelfUrl, entries.Count > 0 ? entries.Max(e => e.LastUpdatedTime) : DateTimeOffset.UnixEpoch, entries)
            {
                Language = finder.English ? "en" : "ja",
            };
            feed.Links.Add(new SyndicationLink(new Uri(query.SelfUrl), "self", null, "application/atom+xml", 0));

            var output = new StringBuilder();
            using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = true }))
                new Atom10FeedFormatter(feed).WriteTo(writer);
            return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder app) =>
        app.MapGet("/info/{kind}/feed.atom", async (string kind, HttpRequest request, HttpResponse response, ISender sender,
                IOptions<ConsultDeskOptions> options, CancellationToken ct) =>
            {
                if (!InfoCodes.TryParseKind(kind, out var parsed)) return Results.NotFound();
                var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
                var self = options.Value.PublicBaseUrl.TrimEnd('/') + request.Path + request.QueryString;
                var atom = await sender.Send(new Query(FindInfoItems.Parse(parsed, request.Query, english), self), ct);
                response.Headers.CacheControl = "public, max-age=300";
                return Results.Text(atom, "application/atom+xml; charset=utf-8", Encoding.UTF8);
            })
            .AllowAnonymous()
            .RequireRateLimiting(Common.Http.RateLimitPolicies.PublicLookup)
            .ExcludeFromDescription()
            .WithName(nameof(GetInfoFeed));
}
