using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Domain.Award;
using ConsultDesk.Features.Award;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk.Judging;

/// <summary>
/// One of the judge's assignments: first the conflict-of-interest declaration (title and category only), then the
/// entry (blind-filtered by the slice) and the score form. Fields: hasConflict (true/false), note; per criterion
/// score-{code}, comment-{code}, confidence-{code}.
/// </summary>
public sealed class AssignmentModel(ISender sender) : DeskPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public GetJudgingAssignment.Model Assignment { get; private set; } = null!;

    /// <summary>What the judge typed, by field name, shown again when saving failed.</summary>
    public Dictionary<string, string?> Posted { get; } = new(StringComparer.Ordinal);

    public bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDeclareAsync(string? hasConflict, string? note, CancellationToken cancellationToken)
    {
        bool? conflict = hasConflict switch { "true" => true, "false" => false, _ => null };
        DeclareAwardConflict.Response? response = null;
        var missing = false;
        if (await RunAsync(async () => response = await sender.Send(new DeclareAwardConflict.Command(Id, conflict, note), cancellationToken), () => missing = true))
        {
            if (response!.Assignment is null)
            {
                Flash = Texts.AwardJudging_ConflictRemoved;
                return Redirect("/desk/judging");
            }
            Flash = Texts.AwardJudging_NoConflictDone;
            return Redirect($"/desk/judging/{Id}");
        }
        if (missing) return NotFound();
        Posted["note"] = note;
        Posted["hasConflict"] = hasConflict;
        return await FailedAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostScoresAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        var inputs = new List<SaveAwardScores.ScoreInput>();
        var codes = new List<string>();
        foreach (var criterion in Assignment.Criteria)
        {
            string? Field(string name)
            {
                var value = Request.Form[$"{name}-{criterion.Code}"].ToString();
                Posted[$"{name}-{criterion.Code}"] = value;
                return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            }
            var score = Field("score");
            var comment = Field("comment");
            var confidence = Field("confidence");
            if (score is null && comment is null) continue;
            inputs.Add(new SaveAwardScores.ScoreInput(criterion.Code, ParseInt(score), comment, ParseInt(confidence)));
            codes.Add(criterion.Code);
        }
        var missing = false;
        if (await RunAsync(() => sender.Send(new SaveAwardScores.Command(Id, inputs), cancellationToken).AsTask(), () => missing = true))
        {
            Flash = Texts.AwardJudging_ScoresSaved;
            return Redirect($"/desk/judging/{Id}#scores");
        }
        if (missing) return NotFound();
        // "scores[1].value" → the field of the second criterion sent.
        foreach (var (key, message) in FieldErrors.ToList())
        {
            var match = System.Text.RegularExpressions.Regex.Match(key, @"^Scores\[(\d+)\]\.(\w+)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            if (match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is var i && i < codes.Count)
            {
                var field = match.Groups[2].Value.ToLowerInvariant() switch { "value" => "score", "criterion" => "score", var other => other };
                FieldErrors.TryAdd($"{field}-{codes[i]}", message);
            }
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public string? Value(string field, string? saved) => Posted.TryGetValue(field, out var posted) ? posted : saved;

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : (value is null ? null : int.MinValue);

    private async Task<IActionResult> FailedAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Assignment = await sender.Send(new GetJudgingAssignment.Query(Id), cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    /// <summary>The desk's refusals as a message on the page; the award's rules too; a missing assignment calls <paramref name="notFound"/>.</summary>
    private async Task<bool> RunAsync(Func<Task> action, Action notFound)
    {
        try
        {
            return await TryAsync(action);
        }
        catch (AwardRuleException ex)
        {
            Error = AwardRules.Message(ex.Rule);
        }
        catch (NotFoundException)
        {
            notFound();
        }
        return false;
    }
}
