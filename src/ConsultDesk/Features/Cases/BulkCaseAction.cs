using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Resources;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Cases;

/// <summary>
/// What the bulk actions share: at most <see cref="MaxCases"/> cases a request, all of them known, and each one done by
/// the single-case command through the mediator (so its role checks, validation, timeline entry and follow-up
/// planning are exactly the single action's). Each case is all or nothing: its command saves once, and a refusal
/// (not allowed, already closed, changed since the confirmation) skips that case with the reason and leaves the rest.
/// </summary>
public static class BulkCaseAction
{
    public const int MaxCases = 100;

    /// <summary>A case by reference; <see cref="Version"/>, when given, is the version the user confirmed (If-Match).</summary>
    public sealed record Target(string? Reference, int? Version = null);

    public sealed record Done(string Reference, CaseStatus Status, Guid? AssigneeId, int Version);

    /// <summary><see cref="Code"/>: <c>already-closed</c>, <c>changed</c>, <c>forbidden</c>, <c>conflict</c>, <c>invalid</c> or <c>rule</c>.</summary>
    public sealed record Skipped(string Reference, string Code, string Reason);

    public sealed record Result(IReadOnlyList<Done> Done, IReadOnlyList<Skipped> Skipped)
    {
        public int DoneCount => Done.Count;
        public int SkippedCount => Skipped.Count;
    }

    /// <summary>A case as it stood when the request came: enough to say why it is skipped without asking its command.</summary>
    public sealed record Snapshot(string Reference, CaseStatus Status);

    public static IRuleBuilderOptions<T, IReadOnlyList<Target>?> BulkTargets<T>(this IRuleBuilder<T, IReadOnlyList<Target>?> rule) =>
        rule.NotEmpty().WithMessage(_ => Texts.BulkNoCases)
            .Must(c => c is null || c.Count <= MaxCases).WithMessage(_ => string.Format(Texts.BulkTooMany, MaxCases))
            .Must(c => c is null || c.Count > MaxCases || c.All(t => t is not null && ReferenceNumber.IsWellFormed(t.Reference)))
            .WithMessage(_ => Texts.BulkBadReference);

    /// <summary>Runs <paramref name="action"/> on each distinct case in order; an unknown reference refuses the whole request.</summary>
    public static async ValueTask<Result> RunAsync(ConsultDeskDbContext db, IReadOnlyList<Target> targets,
        Func<Target, Snapshot, CancellationToken, ValueTask<CaseWriteResult?>> action, CancellationToken cancellationToken)
    {
        var distinct = targets.DistinctBy(t => t.Reference).ToList();
        var references = distinct.Select(t => t.Reference!).ToList();
        var known = await db.Cases.AsNoTracking().Where(c => references.Contains(c.Reference))
            .Select(c => new Snapshot(c.Reference, c.Status)).ToDictionaryAsync(s => s.Reference, cancellationToken);
        var unknown = references.Where(r => !known.ContainsKey(r)).ToList();
        if (unknown.Count > 0)
            throw new ValidationException(unknown.Select(r => new FluentValidation.Results.ValidationFailure("cases", string.Format(Texts.BulkUnknownCase, r))));

        var done = new List<Done>();
        var skipped = new List<Skipped>();
        foreach (var target in distinct)
        {
            var reference = target.Reference!;
            try
            {
                if (await action(target, known[reference], cancellationToken) is { } written)
                    done.Add(new Done(written.Reference, written.Status, written.AssigneeId, written.Version));
                else
                    skipped.Add(new Skipped(reference, "already-closed", Texts.BulkSkippedClosed));
            }
            catch (Exception ex) when (SkipOf(reference, ex) is { } skip)
            {
                skipped.Add(skip);
            }
            finally
            {
                // Whatever one case's command left tracked (saved or refused) must not ride along with the next case's save.
                db.ChangeTracker.Clear();
            }
        }
        return new Result(done, skipped);
    }

    private static Skipped? SkipOf(string reference, Exception ex) => ex switch
    {
        PreconditionFailedException or DbUpdateConcurrencyException => new(reference, "changed", Texts.BulkSkippedChanged),
        ForbiddenException => new(reference, "forbidden", Texts.BulkSkippedForbidden),
        ConflictException conflict => new(reference, "conflict", conflict.Message),
        CaseRuleException rule => new(reference, "rule", string.Format(Texts.CaseRuleBroken, rule.Code)),
        ValidationException invalid => new(reference, "invalid", string.Join(" ", invalid.Errors.Select(e => e.ErrorMessage).Distinct())),
        NotFoundException => new(reference, "changed", Texts.BulkSkippedChanged),
        _ => null,
    };
}
