using ConsultDesk.Domain.Users;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// Judges and editors are not staff: a signed-in user in no staff role reaches, under /desk, only the pages of the
/// roles they have (a judge: the judging pages and the attachments of their assigned entries, whose download checks the
/// assignment; an editor: the information portal's editing pages) and their own account pages (password, two-factor).
/// /desk itself (where sign-in lands) sends them to their area; every other desk page answers 403 with the error page,
/// before its handler runs. The API needs no such guard: every message lists the roles that may send it.
/// </summary>
public static class NonStaffGuard
{
    private sealed record Area(string Role, string Home, string[] Paths);

    private static readonly Area[] Areas =
    [
        new(Roles.Judge, "/desk/judging", ["/desk/judging", "/desk/award/attachments"]),
        new(Roles.Editor, "/desk/info", ["/desk/info"]),
    ];

    private static readonly string[] AccountPaths = ["/desk/password", "/desk/two-factor"];

    /// <summary>Signed in and in no staff role.</summary>
    public static bool IsNonStaff(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && !Roles.Staff.Any(user.IsInRole);

    /// <summary>Signed in, in the judge role and in no staff role.</summary>
    public static bool IsJudgeOnly(System.Security.Claims.ClaimsPrincipal user) => IsNonStaff(user) && user.IsInRole(Roles.Judge);

    /// <summary>Signed in, in the editor role and in no staff role.</summary>
    public static bool IsEditorOnly(System.Security.Claims.ClaimsPrincipal user) => IsNonStaff(user) && user.IsInRole(Roles.Editor);

    public static Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        var path = http.Request.Path;
        if (!path.StartsWithSegments("/desk") || !IsNonStaff(http.User)) return next();
        var areas = Areas.Where(a => http.User.IsInRole(a.Role)).ToList();
        if (areas.Count == 0) return next();
        if (path.Value is "/desk" or "/desk/")
        {
            http.Response.Redirect(areas[0].Home);
            return Task.CompletedTask;
        }
        if (AccountPaths.Any(p => path.StartsWithSegments(p)) || areas.Any(a => a.Paths.Any(p => path.StartsWithSegments(p)))) return next();
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
