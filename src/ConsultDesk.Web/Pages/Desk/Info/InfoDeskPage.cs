using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Info;
using ConsultDesk.Features.Info;
using ConsultDesk.Resources;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.Web.Pages.Desk.Info;

/// <summary>What the information portal's editing pages share: the reader's language, labels, JST times and refusals as HTTP statuses.</summary>
public abstract class InfoDeskPage : DeskPage
{
    /// <summary>Editors, managers and admins (Roles.InfoEditors) — consultants get 403.</summary>
    public const string EditorRoles = ConsultDesk.Domain.Users.Roles.Editor + "," + ConsultDesk.Domain.Users.Roles.Manager + "," + ConsultDesk.Domain.Users.Roles.Admin;

    public static bool English => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string KindName(InfoKind kind) => English ? InfoCodes.KindName(kind).En : InfoCodes.KindName(kind).Ja;

    public static string StatusName(InfoStatus status) => status switch
    {
        InfoStatus.Draft => Texts.InfoEdit_StatusDraft,
        InfoStatus.Scheduled => Texts.InfoEdit_StatusScheduled,
        InfoStatus.Published => Texts.InfoEdit_StatusPublished,
        _ => Texts.InfoEdit_StatusUnpublished,
    };

    public static string ActionName(InfoRevisionAction action) => action switch
    {
        InfoRevisionAction.Created => Texts.InfoEdit_ActionCreated,
        InfoRevisionAction.Edited => Texts.InfoEdit_ActionEdited,
        InfoRevisionAction.Scheduled => Texts.InfoEdit_ActionScheduled,
        InfoRevisionAction.Published => Texts.InfoEdit_ActionPublished,
        InfoRevisionAction.Unpublished => Texts.InfoEdit_ActionUnpublished,
        _ => Texts.InfoEdit_ActionImported,
    };

    public static string Label(string field) => InfoRules.Label(field, English);

    public static string Jst(DateTime? at) => at is { } value ? JapanTime.Format(value) : "—";

    public static string KindSlug(InfoKind kind) => Wire.Name(kind);

    public string? ErrorFor(string field) =>
        FieldErrors.TryGetValue(field, out var error) || FieldErrors.TryGetValue("Item." + field, out error) ? error
        : FieldErrors.FirstOrDefault(e => e.Key.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary><see cref="DeskPage.TryAsync"/> that answers a refusal with its HTTP status (400, 409, 412).</summary>
    protected async Task<bool> TryInfoAsync(Func<Task> action)
    {
        var ok = await TryAsync(action);
        if (!ok) Response.StatusCode = FieldErrors.Count > 0 ? StatusCodes.Status400BadRequest
            : Error == Texts.CaseStale ? StatusCodes.Status412PreconditionFailed
            : Error == Texts.ProblemForbidden ? StatusCodes.Status403Forbidden
            : StatusCodes.Status409Conflict;
        return ok;
    }
}

/// <summary>The import page's row/column prefix.</summary>
public static class InfoImportText
{
    public static string RowColumn => Texts.InfoEdit_ImportRowColumn;
}
