using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Cases;

/// <summary>Completes or reopens a support task, and ticks its checklist items.</summary>
public static class UpdateTask
{
    public sealed record Body(bool? Completed, IReadOnlyList<ChecklistChange>? Checklist);

    public sealed record ChecklistChange(int Index, bool Done);

    public sealed record Command(string Reference, Guid TaskId, Body Change) : ICommand<CaseWriteResult>, IRoleRestrictedMessage
    {
        public int? ExpectedVersion { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Change).Must(b => b.Completed is not null || b.Checklist is { Count: > 0 }).WithMessage(_ => Texts.TaskChangeRequired).OverridePropertyName("Completed");
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, CaseWriteResult>
    {
        public async ValueTask<CaseWriteResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await CaseAccess.LoadForWriteAsync(db, command.Reference, command.ExpectedVersion, cancellationToken);
            CaseAccess.EnsureCanWork(@case, user);
            var task = await db.SupportTasks.SingleOrDefaultAsync(t => t.Id == command.TaskId && t.CaseId == @case.Id, cancellationToken)
                ?? throw new NotFoundException("Task");
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var change in command.Change.Checklist ?? [])
            {
                if (change.Index < 0 || change.Index >= task.Checklist.Count)
                    throw new ValidationException([new FluentValidation.Results.ValidationFailure("Checklist", Texts.ChecklistIndex)]);
                task.Check(change.Index, change.Done);
            }
            var what = command.Change.Completed switch { true => "completed", false => "reopened", null => "checklist" };
            if (command.Change.Completed == true) task.Complete(now);
            if (command.Change.Completed == false) task.Reopen();
            @case.RecordTask(task, what, user.RequiredId(), now);
            await gate.SaveChangesAsync(db, cancellationToken);
            return CaseWriteResult.Of(@case) with { TaskId = task.Id };
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPatch("/cases/{reference}/tasks/{taskId:guid}", async (string reference, Guid taskId, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, JsonRequest.DefaultMaxBytes, ct);
                return (await sender.Send(new Command(reference, taskId, body) { ExpectedVersion = CaseAccess.ExpectedVersion(http.Request) }, ct)).ToHttp(http.Response);
            })
            .Accepts<Body>("application/json")
            .WithName(nameof(UpdateTask)).WithSummary("Complete, reopen or tick a support task").WithTags("Cases");
}
