using ConsultDesk.Domain.Users;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// A judge is not staff: a signed-in user whose only role is <see cref="Roles.Judge"/> reaches, under /desk, only the
/// judging pages, their own account pages (password, two-factor) and the attachments of their assigned entries (the
/// download checks the assignment). /desk itself (where sign-in lands) sends them to /desk/judging; every other desk
/// page answers 403 with the error page, before its handler runs. The API needs no such guard: every message lists
/// the roles that may send it.
/// </summary>
public static class JudgeGuard
{
    private static readonly string[] JudgePaths = ["/desk/judging", "/desk/password", "/desk/two-factor", "/desk/award/attachments"];

    /// <summary>Signed in, in the judge role and in no staff role.</summary>
    public static bool IsJudgeOnly(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Judge) && !Roles.Staff.Any(user.IsInRole);

    public static Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        var path = http.Request.Path;
        if (!path.StartsWithSegments("/desk") || !IsJudgeOnly(http.User)) return next();
        if (path.Value is "/desk" or "/desk/")
        {
            http.Response.Redirect("/desk/judging");
            return Task.CompletedTask;
        }
        if (JudgePaths.Any(p => path.StartsWithSegments(p))) return next();
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
