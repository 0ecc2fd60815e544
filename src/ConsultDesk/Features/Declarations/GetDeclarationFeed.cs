using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// /sengen/feed.atom: the newest accepted declarants as an Atom 1.0 feed (System.ServiceModel.Syndication, which writes
/// RFC 3339 dates), one entry per declarant linking its public page; an accepted change updates the entry's date.
/// </summary>
public static class GetDeclarationFeed
{
    public const int Entries = 50;

    public sealed record Query : IQuery<string>, IPublicMessage;

    public sealed class Handler(ISender sender, DeclarationLinks links) : IQueryHandler<Query, string>
    {
        public async ValueTask<string> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = await sender.Send(new ListPublicDeclarations.Query { Limit = Entries }, cancellationToken);
            var items = page.Items.Select(d =>
            {
                var url = new Uri(links.PublicUrl(d.Number));
                var prefecture = Prefecture.Find(d.PrefectureCode)?.Name ?? d.PrefectureCode;
                var item = new SyndicationItem($"{d.FormattedNumber} {d.OrganizationName}",
                    $"{d.OrganizationName}（{prefecture}・{Industry.Name(d.Industry, english: false)}）が地方創生テレワーク推進運動のAction宣言を行いました。",
                    url, url.AbsoluteUri, new DateTimeOffset(DateTime.SpecifyKind(d.PublishedAt, DateTimeKind.Utc)))
                {
                    PublishDate = new DateTimeOffset(DateTime.SpecifyKind(d.AcceptedAt, DateTimeKind.Utc)),
                };
                return item;
            }).ToList();
            var feed = new SyndicationFeed("Action宣言 新規宣言企業・団体", "地方創生テレワーク推進運動 Action宣言の新しい宣言",
                new Uri($"{links.BaseUrl}/sengen"), $"{links.BaseUrl}/sengen/feed.atom",
                items.Count > 0 ? items.Max(i => i.LastUpdatedTime) : DateTimeOffset.UnixEpoch, items)
            {
                Language = "ja",
            };
            feed.Links.Add(new SyndicationLink(new Uri($"{links.BaseUrl}/sengen/feed.atom"), "self", null, "application/atom+xml", 0));

            var output = new StringBuilder();
            using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = true }))
                new Atom10FeedFormatter(feed).WriteTo(writer);
            return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder app) =>
        app.MapGet("/sengen/feed.atom", async (HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                var atom = await sender.Send(new Query(), ct);
                response.Headers.CacheControl = "public, max-age=300";
                return TypedResults.Text(atom, "application/atom+xml; charset=utf-8", Encoding.UTF8);
            })
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithName(nameof(GetDeclarationFeed));
}
