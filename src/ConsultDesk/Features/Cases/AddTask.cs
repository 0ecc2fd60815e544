using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Cases;

/// <summary>A support task (各種支援) on a case, optionally started from one of the desk's checklist templates.</summary>
public static class AddTask
{
    public sealed record Body(string? Title, DateOnly? DueOn, IReadOnlyList<string>? Checklist, string? Template);

    public sealed record Command(string Reference, Body Task) : ICommand<CaseWriteResult>, IRoleRestrictedMessage
    {
        public int? ExpectedVersion { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Task.Title).NotEmpty().When(c => c.Task.Template is null).WithMessage(_ => string.Format(Texts.Required, Texts.FieldTaskTitle))
                .Must(t => t is null || (JapaneseText.TextLength(t) <= 200 && JapaneseText.IsSingleLine(t))).WithMessage(_ => string.Format(Texts.TooLong, Texts.FieldTaskTitle, 200))
                .OverridePropertyName("Title");
            RuleFor(c => c.Task.Template).Must(t => t is null || ChecklistTemplates.Find(t) is not null).WithMessage(_ => Texts.TemplateUnknown).OverridePropertyName("Template");
            RuleFor(c => c.Task.Checklist).Must(l => l is null || l.Count <= 50).WithMessage(_ => string.Format(Texts.TooLong, "checklist", 50)).OverridePropertyName("Checklist");
            RuleForEach(c => c.Task.Checklist).Must(i => !string.IsNullOrWhiteSpace(i) && JapaneseText.TextLength(i) <= 200 && JapaneseText.IsSingleLine(i))
                .WithMessage(_ => string.Format(Texts.TooLong, "checklist", 200)).OverridePropertyName("Checklist");
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, CaseWriteResult>
    {
        public async ValueTask<CaseWriteResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await CaseAccess.LoadForWriteAsync(db, command.Reference, command.ExpectedVersion, cancellationToken);
            CaseAccess.EnsureCanWork(@case, user);
            var template = ChecklistTemplates.Find(command.Task.Template);
            var title = command.Task.Title?.Trim() is { Length: > 0 } given ? given : template!.Title;
            var items = (template?.Items ?? []).Concat(command.Task.Checklist?.Select(i => i.Trim()) ?? []);
            var now = clock.GetUtcNow().UtcDateTime;
            var task = SupportTask.Create(@case.Id, title, command.Task.DueOn, items, user.RequiredId(), now);
            db.SupportTasks.Add(task);
            @case.RecordTask(task, "created", user.RequiredId(), now);
            await gate.SaveChangesAsync(db, cancellationToken);
            return CaseWriteResult.Of(@case) with { TaskId = task.Id };
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{reference}/tasks", async (string reference, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, JsonRequest.DefaultMaxBytes, ct);
                var result = await sender.Send(new Command(reference, body) { ExpectedVersion = CaseAccess.ExpectedVersion(http.Request) }, ct);
                CaseAccess.SetETag(http.Response, result.Version);
                return TypedResults.Created($"/api/v1/cases/{reference}/tasks/{result.TaskId}", result);
            })
            .Accepts<Body>("application/json")
            .WithName(nameof(AddTask)).WithSummary("Add a support task").WithTags("Cases");
}
