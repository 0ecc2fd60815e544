using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.Common;

/// <summary>Who is sending the current message: the signed-in staff member, or nobody (public intake, jobs).</summary>
public interface ICurrentUser
{
    Guid? Id { get; }
    bool IsInRole(string role);
}

public sealed class HttpCurrentUser(IHttpContextAccessor http) : ICurrentUser
{
    public Guid? Id =>
        Guid.TryParse(http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public bool IsInRole(string role) => http.HttpContext?.User.IsInRole(role) == true;
}

public static class CurrentUserExtensions
{
    public static Guid RequiredId(this ICurrentUser user) => user.Id ?? throw new UnauthorizedAccessException();
}
