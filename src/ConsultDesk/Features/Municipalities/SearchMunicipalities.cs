using System.Text;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Municipalities;

/// <summary>
/// Municipalities by the start of their name or reading, for proposing a match without typing a 団体コード: 「ニセコ」,
/// 「にせこ」 and 「ﾆｾｺ」 all find ニセコ町. Readings are stored in full-width katakana, so the text is normalised (NFKC)
/// and hiragana turned into katakana first. Prefix matches use the name and reading indexes; at most
/// <see cref="MaxResults"/> come back.
/// </summary>
public static class SearchMunicipalities
{
    public const int MaxResults = 10;
    public const int MaxQueryLength = 50;

    public sealed record Query(string? Q) : IQuery<IReadOnlyList<Item>>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Item(string Code, string Name, string NameKana, string PrefectureCode, string PrefectureName);

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            var text = Normalize(query.Q);
            if (text.Length == 0) return [];
            var kana = JapaneseText.ToFullWidthKatakana(text);
            var rows = await db.MunicipalityProfiles.AsNoTracking()
                .Where(m => m.Name.StartsWith(text) || m.NameKana.StartsWith(kana) || m.Code == text)
                .OrderBy(m => m.NameKana).ThenBy(m => m.Code)
                .Take(MaxResults)
                .Select(m => new { m.Code, m.Name, m.NameKana, m.PrefectureCode })
                .ToListAsync(cancellationToken);
            return rows.Select(r => new Item(r.Code, r.Name, r.NameKana, r.PrefectureCode, Prefecture.Find(r.PrefectureCode)?.Name ?? r.PrefectureCode)).ToList();
        }
    }

    public static string Normalize(string? value)
    {
        var text = (value ?? "").Normalize(NormalizationForm.FormKC).Trim();
        text = new string(text.Where(c => !char.IsControl(c)).ToArray());
        return text.Length > MaxQueryLength ? text[..MaxQueryLength] : text;
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/municipalities/search", async (string? q, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(q), ct)))
            .Produces<IReadOnlyList<Item>>()
            .WithName(nameof(SearchMunicipalities)).WithSummary("Municipalities by the start of their name or reading (staff)").WithTags("Municipalities");
}
