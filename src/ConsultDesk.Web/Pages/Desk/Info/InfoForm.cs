using ConsultDesk.Domain.Info;
using ConsultDesk.Features.Info;

namespace ConsultDesk.Web.Pages.Desk.Info;

/// <summary>The edit form's fields (posted as Form.*); the same for every kind, the page shows the kind's own.</summary>
public sealed class InfoForm
{
    public string? Slug { get; set; }
    public string? Title { get; set; }
    public string? TitleEn { get; set; }
    public string? Summary { get; set; }
    public string? SummaryEn { get; set; }
    public string? Body { get; set; }
    public string? BodyEn { get; set; }
    public string? Url { get; set; }
    public DateOnly? AsOf { get; set; }
    public string? Category { get; set; }
    public string? Ministry { get; set; }
    public List<string> Parties { get; set; } = [];
    public List<string> Topics { get; set; } = [];
    public List<string> Prefectures { get; set; } = [];
    public DateOnly? ApplicationOpensOn { get; set; }
    public DateOnly? ApplicationClosesOn { get; set; }
    public string? Publisher { get; set; }
    public string? Edition { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public string? MunicipalityCode { get; set; }
    public string? OrganizationName { get; set; }
    public int? DeclarationNumber { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }

    public InfoItemInput ToInput() => new()
    {
        Title = Title, TitleEn = TitleEn, Summary = Summary, SummaryEn = SummaryEn, Body = Body, BodyEn = BodyEn, Url = Url, AsOf = AsOf,
        Category = Category, Ministry = Ministry, Parties = Parties, Topics = Topics, Prefectures = Prefectures,
        ApplicationOpensOn = ApplicationOpensOn, ApplicationClosesOn = ApplicationClosesOn, Publisher = Publisher, Edition = Edition,
        IssuedOn = IssuedOn, MunicipalityCode = MunicipalityCode, OrganizationName = OrganizationName, DeclarationNumber = DeclarationNumber, Note = Note,
    };

    public static InfoForm Of(InfoItemModel item) => Of(item.Content, item.Slug, item.Version);

    public static InfoForm Of(InfoContent c, string? slug, int version) => new()
    {
        Slug = slug, Title = c.Title, TitleEn = c.TitleEn, Summary = c.Summary, SummaryEn = c.SummaryEn, Body = c.Body, BodyEn = c.BodyEn,
        Url = c.Url, AsOf = c.AsOf, Category = c.Category, Ministry = c.Ministry, Parties = [.. c.Parties], Topics = [.. c.Topics],
        Prefectures = [.. c.Prefectures], ApplicationOpensOn = c.ApplicationOpensOn, ApplicationClosesOn = c.ApplicationClosesOn,
        Publisher = c.Publisher, Edition = c.Edition, IssuedOn = c.IssuedOn, MunicipalityCode = c.MunicipalityCode,
        OrganizationName = c.OrganizationName, DeclarationNumber = c.DeclarationNumber, Version = version,
    };
}

/// <summary>What the fields partial needs: the form, its kind, the field errors and whether the slug can still be chosen.</summary>
public sealed record InfoFieldsView(InfoForm Form, InfoKind Kind, InfoDeskPage Page, bool NewItem);

/// <summary>The item as readers will see it, rendered from the posted form without saving.</summary>
public sealed record InfoPreview(string Title, string Summary, string BodyHtml);
