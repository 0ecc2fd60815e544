using ConsultDesk.Domain.Info;
using ConsultDesk.Features.Info;
using Mediator;
using Microsoft.AspNetCore.Authorization;

namespace ConsultDesk.Web.Pages.Desk.Info;

/// <summary>An item's history: number, who, when (JST), action, changed fields (labels) and note; each revision opens.</summary>
[Authorize(Roles = EditorRoles)]
public sealed class RevisionsModel(ISender sender) : InfoDeskPage
{
    public ListInfoRevisions.Response Result { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, CancellationToken ct) => Result = await sender.Send(new ListInfoRevisions.Query(id), ct);
}

/// <summary>One revision's content, and per field what it was before (the previous revision).</summary>
[Authorize(Roles = EditorRoles)]
public sealed class RevisionModel(ISender sender) : InfoDeskPage
{
    public GetInfoRevision.Response Result { get; private set; } = null!;

    /// <summary>Every field of the kind with its value in this revision and in the one before.</summary>
    public IReadOnlyList<(string Field, string Value, string? Before, bool Changed)> Fields { get; private set; } = [];

    public async Task OnGetAsync(Guid id, int number, CancellationToken ct)
    {
        Result = await sender.Send(new GetInfoRevision.Query(id, number), ct);
        var changed = Result.Previous is null ? [] : Result.Content.ChangedFrom(Result.Previous);
        Fields = [.. FieldsOf(Result.Kind).Select(f => (f, Show(Result.Content, f), Result.Previous is null ? null : Show(Result.Previous, f), changed.Contains(f)))];
    }

    public static IEnumerable<string> FieldsOf(InfoKind kind)
    {
        string[] common = [nameof(InfoContent.Title), nameof(InfoContent.TitleEn), nameof(InfoContent.Summary), nameof(InfoContent.SummaryEn),
            nameof(InfoContent.Body), nameof(InfoContent.BodyEn), nameof(InfoContent.Url), nameof(InfoContent.AsOf)];
        string[] own = kind switch
        {
            InfoKind.Policy => [nameof(InfoContent.Category), nameof(InfoContent.Ministry), nameof(InfoContent.Parties), nameof(InfoContent.Topics),
                nameof(InfoContent.Prefectures), nameof(InfoContent.ApplicationOpensOn), nameof(InfoContent.ApplicationClosesOn)],
            InfoKind.Guideline => [nameof(InfoContent.Publisher), nameof(InfoContent.Edition), nameof(InfoContent.IssuedOn), nameof(InfoContent.Parties), nameof(InfoContent.Topics)],
            InfoKind.CaseStudy => [nameof(InfoContent.Parties), nameof(InfoContent.Topics), nameof(InfoContent.Prefectures), nameof(InfoContent.MunicipalityCode),
                nameof(InfoContent.OrganizationName), nameof(InfoContent.DeclarationNumber)],
            _ => [],
        };
        return common.Concat(own);
    }

    private static string Show(InfoContent c, string field)
    {
        var value = typeof(InfoContent).GetProperty(field)?.GetValue(c);
        return value switch
        {
            null => "",
            IEnumerable<string> list => string.Join(", ", list),
            DateOnly d => d.ToString("yyyy-MM-dd"),
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        };
    }
}
