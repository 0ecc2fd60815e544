using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Inquiries;

/// <summary>
/// Writes public intakes with group commit (<see cref="GroupCommit{TItem,TResult}"/>): the intakes waiting at one
/// moment share one transaction, one reference allocation and one flush, so under load one fsync carries many cases.
/// Each intake still gets its case, search document, report row, follow-ups, portal link and acknowledgement in the
/// transaction that stores its case, and <see cref="SubmitInquiry"/> answers 201 only after that transaction committed.
/// On SQLite a batch is one turn of the <see cref="WriteGate"/>.
/// </summary>
public sealed class IntakeWriter : BackgroundService
{
    /// <summary>At most this many intakes share one transaction.</summary>
    public const int MaxBatch = 64;

    /// <summary>A validated intake with everything read before the write (the related portal policies).</summary>
    public sealed record Intake(Inquiry Inquiry, IntakeSource Source, DateTime NowUtc, IReadOnlyList<AcknowledgementMail.RelatedPolicy> Policies);

    private readonly IServiceScopeFactory scopes;
    private readonly WriteGate writeGate;

    public IntakeWriter(IServiceScopeFactory scopes, WriteGate writeGate, ILogger<IntakeWriter> logger)
    {
        this.scopes = scopes;
        this.writeGate = writeGate;
        Queue = new GroupCommit<Intake, Case>(WriteTogetherAsync, MaxBatch,
            (ex, count) => logger.LogWarning(ex, "A batch of {Count} intakes failed; writing them one by one", count));
    }

    public GroupCommit<Intake, Case> Queue { get; }

    /// <summary>Stores the intake; completes once its case and acknowledgement are committed.</summary>
    public Task<Case> WriteAsync(Intake intake, CancellationToken cancellationToken) => Queue.WriteAsync(intake, cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Queue.RunAsync(stoppingToken);

    private async Task<IReadOnlyList<Case>> WriteTogetherAsync(IReadOnlyList<Intake> intakes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ConsultDeskDbContext>();
        var references = services.GetRequiredService<ReferenceNumbers>();
        var acknowledgement = services.GetRequiredService<AcknowledgementMail>();
        var followUps = services.GetRequiredService<FollowUpPlanner>();
        var serviceLevel = services.GetRequiredService<ServiceLevel>();
        var cases = new Case[intakes.Count];
        // Every row here is new and complete when it is added, so there is nothing for change detection to find; with it
        // on, each DbSet.Local and Entries() call (the follow-up planner, the timeline rule) and the save itself scanned
        // every row the batch had tracked so far: a tenth of intake's CPU at 64 intakes a batch.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        using (await writeGate.EnterAsync(cancellationToken))
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // One allocation per Japanese year in the batch (one, except around New Year).
            var numbers = new string[intakes.Count];
            foreach (var year in intakes.Select((intake, i) => (Year: ReferenceNumber.JapanYear(intake.NowUtc), Index: i)).GroupBy(x => x.Year))
            {
                var indexes = year.Select(x => x.Index).ToList();
                var allocated = await references.NextAsync(intakes[indexes[0]].NowUtc, indexes.Count, cancellationToken);
                for (var i = 0; i < indexes.Count; i++) numbers[indexes[i]] = allocated[i];
            }
            for (var i = 0; i < intakes.Count; i++)
            {
                var intake = intakes[i];
                var @case = Case.Submit(numbers[i], intake.Inquiry, intake.Source, intake.NowUtc, serviceLevel);
                db.Cases.Add(@case);
                db.CaseSearch.Add(CaseSearchDocument.For(@case));
                if (@case.InquirerType == InquirerType.Company) db.CompanyNeeds.Add(PrefilledNeeds(@case, intake.NowUtc));
                db.Outbox.Add(acknowledgement.Create(@case, intake.NowUtc, policies: intake.Policies));
                await followUps.ReconcileAsync(@case, intake.NowUtc, cancellationToken);
                cases[i] = @case;
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return cases;
    }

    /// <summary>What a company inquiry already tells about its matching needs: where it is, its industry and size.</summary>
    private static Domain.Matching.CompanyNeeds PrefilledNeeds(Case @case, DateTime now)
    {
        var needs = Domain.Matching.CompanyNeeds.For(@case.Id, now);
        needs.Update([@case.PrefectureCode], [], null, null, null, @case.Industry,
            @case.Employees is { } employees ? Domain.Matching.CompanyNeeds.SizeOf(employees) : null, null, [], null, now);
        return needs;
    }
}
