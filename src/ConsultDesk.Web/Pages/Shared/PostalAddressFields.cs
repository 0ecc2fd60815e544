namespace ConsultDesk.Web.Pages.Shared;

/// <summary>
/// What the <c>_PostalAddressFields</c> partial shows: 郵便番号 with a 「住所を検索」 button (a plain submit to the
/// page's <c>Lookup</c> handler, so it works without JavaScript; postal-lookup.js fills the fields as the 7th digit is
/// typed), then, unless <see cref="MunicipalityPicker"/> names the page's own 団体 picker, 都道府県, 市区町村,
/// 町域・番地 and 建物名. Inputs are named <c>Form.PostalCode</c>, <c>Form.PrefectureCode</c>, <c>Form.AddressMunicipality</c>,
/// <c>Form.AddressStreet</c> and <c>Form.AddressBuilding</c>: a form that uses the partial has those properties.
/// </summary>
public sealed record PostalAddressFields(
    PublicFormModel Page,
    string Legend,
    bool Required,
    string? PostalCode,
    string? PrefectureCode,
    string? Municipality,
    string? Street,
    string? Building)
{
    /// <summary>The id of a 団体 select the lookup should set instead of the 都道府県/市区町村 inputs (the municipality form).</summary>
    public string? MunicipalityPicker { get; init; }

    /// <summary>
    /// When given (and no <see cref="MunicipalityPicker"/>), 市区町村 is a select of these 団体 (named <c>Form.LocalGovernmentCode</c>,
    /// grouped by prefecture) instead of a text input: the Action宣言 form stores the 団体コード.
    /// </summary>
    public IEnumerable<(ConsultDesk.Domain.Prefecture Prefecture, IReadOnlyList<ConsultDesk.Domain.LocalGovernments.LocalGovernment> Entries)>? MunicipalityOptions { get; init; }

    /// <summary>The selected 団体コード of <see cref="MunicipalityOptions"/>.</summary>
    public string? LocalGovernmentCode { get; init; }

    /// <summary>Input names (PostalCode, PrefectureCode, LocalGovernmentCode, AddressStreet, AddressBuilding) whose label gets the [公開] marker.</summary>
    public IReadOnlySet<string>? PublicFields { get; init; }

    public bool IsPublic(string field) => PublicFields?.Contains(field) == true;

    /// <summary>A status line after a look-up without JavaScript ("filled in from the postal code").</summary>
    public string? LookupMessage { get; init; }
}
