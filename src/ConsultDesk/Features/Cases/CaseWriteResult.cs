using ConsultDesk.Domain;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.Features.Cases;

/// <summary>What every write on a case answers: where the case now stands and its new version (also sent as the ETag).</summary>
public sealed record CaseWriteResult(string Reference, CaseStatus Status, Guid? AssigneeId, int Version)
{
    /// <summary>Set by task writes: the task created or changed.</summary>
    public Guid? TaskId { get; init; }

    public static CaseWriteResult Of(Case @case) => new(@case.Reference, @case.Status, @case.AssigneeId, @case.Version);

    public IResult ToHttp(HttpResponse response, int statusCode = StatusCodes.Status200OK)
    {
        CaseAccess.SetETag(response, Version);
        return statusCode == StatusCodes.Status202Accepted ? TypedResults.Accepted($"/api/v1/cases/{Reference}", this) : TypedResults.Ok(this);
    }
}
