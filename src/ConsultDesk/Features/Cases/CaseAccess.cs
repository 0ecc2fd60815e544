using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Cases;

/// <summary>Loads a case for a write, checks the client's If-Match, and says who may work on it.</summary>
public static class CaseAccess
{
    public static async Task<Case> LoadForWriteAsync(ConsultDeskDbContext db, string reference, int? expectedVersion, CancellationToken cancellationToken)
    {
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Reference == reference, cancellationToken) ?? throw new NotFoundException("Case");
        if (expectedVersion is { } expected && expected != @case.Version) throw new PreconditionFailedException();
        return @case;
    }

    /// <summary>The assignee works the case; managers and admins may work any case.</summary>
    public static bool CanWork(Case @case, ICurrentUser user) =>
        user.IsInRole(Roles.Manager) || user.IsInRole(Roles.Admin) || (user.Id is { } id && @case.AssigneeId == id);

    public static void EnsureCanWork(Case @case, ICurrentUser user)
    {
        if (!CanWork(@case, user)) throw new ForbiddenException("Only the assignee, a manager or an admin may work this case.");
    }

    public static string ETagOf(int version) => $"\"v{version}\"";

    /// <summary>Reads If-Match as a version; a malformed one can never match, so the write is refused.</summary>
    public static int? ExpectedVersion(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(value) || value.Trim() == "*") return null;
        var trimmed = value.Trim();
        if (trimmed.StartsWith("W/", StringComparison.Ordinal)) trimmed = trimmed[2..];
        return trimmed.Length > 3 && trimmed.StartsWith("\"v", StringComparison.Ordinal) && trimmed.EndsWith('"')
            && int.TryParse(trimmed[2..^1], System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : -1;
    }

    public static void SetETag(HttpResponse response, int version) => response.Headers.ETag = ETagOf(version);
}
