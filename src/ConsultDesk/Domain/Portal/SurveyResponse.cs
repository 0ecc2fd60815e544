namespace ConsultDesk.Domain.Portal;

/// <summary>The inquirer's answer to the satisfaction survey: one per case, the last answer counts.</summary>
public sealed class SurveyResponse
{
    private SurveyResponse() { }

    public Guid CaseId { get; private set; }
    /// <summary>1 (unsatisfied) to 5 (very satisfied).</summary>
    public int Rating { get; private set; }
    public bool? ProblemSolved { get; private set; }
    public string? Comment { get; private set; }
    public DateTime AnsweredAt { get; private set; }

    public static SurveyResponse Answer(Guid caseId, int rating, bool? problemSolved, string? comment, DateTime nowUtc) => new()
    {
        CaseId = caseId,
        Rating = rating,
        ProblemSolved = problemSolved,
        Comment = comment,
        AnsweredAt = nowUtc,
    };

    public void Update(int rating, bool? problemSolved, string? comment, DateTime nowUtc)
    {
        Rating = rating;
        ProblemSolved = problemSolved;
        Comment = comment;
        AnsweredAt = nowUtc;
    }
}
