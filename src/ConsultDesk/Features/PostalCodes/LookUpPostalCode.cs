using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Domain;
using ConsultDesk.Domain.PostalCodes;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.PostalCodes;

/// <summary>Which prefecture, municipality and town a postal code names, from the bundled KEN_ALL table (public forms' address lookup).</summary>
public static class LookUpPostalCode
{
    public sealed record Query(string? PostalCode) : IQuery<Response>, IPublicMessage;

    public sealed record Address(string PrefectureCode, string Prefecture, string PrefectureEn, string MunicipalityCode, string Municipality, string Town);

    /// <summary>The code as seven digits and every place it names (usually one; a few codes span several towns).</summary>
    public sealed record Response(string PostalCode, IReadOnlyList<Address> Addresses);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.PostalCode).Must(code => FormInput.PostalCodeDigits(code) is not null).WithMessage(_ => Texts.PostalCodeFormat);
    }

    public sealed class Handler(PostalCodeDirectory postalCodes) : IQueryHandler<Query, Response>
    {
        public ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var found = postalCodes.Find(query.PostalCode);
            if (found.Count == 0) throw new NotFoundException("Postal code");
            return ValueTask.FromResult(new Response(found[0].PostalCode, found.Select(a =>
            {
                var prefecture = Prefecture.Find(a.PrefectureCode);
                return new Address(a.PrefectureCode, prefecture?.Name ?? "", prefecture?.NameEn ?? "", a.MunicipalityCode, a.Municipality, a.Town);
            }).ToList()));
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder app) =>
        app.MapGet("/postal-codes/{code}", async (string code, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            {
                var response = await sender.Send(new Query(code), cancellationToken);
                // Japan Post changes codes monthly at most: a day of caching spares the lookups of someone retyping.
                http.Response.Headers.CacheControl = "public, max-age=86400";
                return TypedResults.Ok(response);
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PublicLookup)
            .Produces<Response>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName(nameof(LookUpPostalCode))
            .WithSummary("Look up a postal code")
            .WithDescription("Anonymous. `code` is a Japanese postal code in any common spelling (1000014, 100-0014, １００－００１４). Answers the prefecture (JIS code), the municipality (6-digit 全国地方公共団体コード and name, as in the municipality master) and the town for each place the code names, from Japan Post's KEN_ALL data bundled with the app. 404 when the code is not in the table.")
            .WithTags("Postal codes");
}
