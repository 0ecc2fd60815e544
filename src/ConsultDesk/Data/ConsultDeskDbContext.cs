using ConsultDesk.Domain;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.FollowUps;
using ConsultDesk.Domain.Inbound;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Domain.Portal;
using ConsultDesk.Domain.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Data;

public sealed class ConsultDeskDbContext(DbContextOptions<ConsultDeskDbContext> options)
    : IdentityDbContext<User, Role, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring when the provider is PostgreSQL: every node reads the same keys (SQLite keeps {DataDirectory}/keys).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseTopic> CaseTopics => Set<CaseTopic>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<OutboxMail> Outbox => Set<OutboxMail>();
    public DbSet<OutboxAttachment> OutboxAttachments => Set<OutboxAttachment>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<ReferenceSequence> ReferenceSequences => Set<ReferenceSequence>();
    public DbSet<Consultation> Consultations => Set<Consultation>();
    public DbSet<SupportTask> SupportTasks => Set<SupportTask>();
    public DbSet<CaseSearchDocument> CaseSearch => Set<CaseSearchDocument>();
    public DbSet<OpenCaseSearchDocument> OpenCaseSearch => Set<OpenCaseSearchDocument>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<PortalToken> PortalTokens => Set<PortalToken>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<MailOptOut> MailOptOuts => Set<MailOptOut>();
    public DbSet<InboundMail> InboundMails => Set<InboundMail>();
    public DbSet<MailboxCursor> MailboxCursors => Set<MailboxCursor>();
    public DbSet<StoredMailTemplate> MailTemplates => Set<StoredMailTemplate>();
    public DbSet<MunicipalityProfile> MunicipalityProfiles => Set<MunicipalityProfile>();
    public DbSet<SatelliteOffice> SatelliteOffices => Set<SatelliteOffice>();
    public DbSet<Incentive> Incentives => Set<Incentive>();
    public DbSet<CompanyNeeds> CompanyNeeds => Set<CompanyNeeds>();
    public DbSet<MatchProposal> MatchProposals => Set<MatchProposal>();
    public DbSet<AccountEvent> AccountEvents => Set<AccountEvent>();
    public DbSet<PasswordResetToken> PasswordResetTokens => Set<PasswordResetToken>();
    public DbSet<SavedView> SavedViews => Set<SavedView>();
    public DbSet<CannedReply> CannedReplies => Set<CannedReply>();
    public DbSet<Declaration> Declarations => Set<Declaration>();
    public DbSet<DeclarationVersion> DeclarationVersions => Set<DeclarationVersion>();
    public DbSet<DeclarationEvent> DeclarationEvents => Set<DeclarationEvent>();
    public DbSet<DeclarationToken> DeclarationTokens => Set<DeclarationToken>();
    public DbSet<DeclarationItem> DeclarationItems => Set<DeclarationItem>();
    public DbSet<DeclarationPublicItem> DeclarationPublicItems => Set<DeclarationPublicItem>();
    public DbSet<DeclarationNumberSequence> DeclarationNumberSequences => Set<DeclarationNumberSequence>();
    public DbSet<DeclarationSearchDocument> DeclarationSearch => Set<DeclarationSearchDocument>();
    public DbSet<AwardRound> AwardRounds => Set<AwardRound>();
    public DbSet<AwardCategory> AwardCategories => Set<AwardCategory>();
    public DbSet<AwardCriterion> AwardCriteria => Set<AwardCriterion>();
    public DbSet<AwardEntry> AwardEntries => Set<AwardEntry>();
    public DbSet<AwardAttachment> AwardAttachments => Set<AwardAttachment>();
    public DbSet<AwardAssignment> AwardAssignments => Set<AwardAssignment>();
    public DbSet<AwardScore> AwardScores => Set<AwardScore>();
    public DbSet<AwardDecision> AwardDecisions => Set<AwardDecision>();
    public DbSet<AwardEvent> AwardEvents => Set<AwardEvent>();
    public DbSet<ConsultDesk.Domain.Info.InfoItem> InfoItems => Set<ConsultDesk.Domain.Info.InfoItem>();
    public DbSet<ConsultDesk.Domain.Info.InfoRevision> InfoRevisions => Set<ConsultDesk.Domain.Info.InfoRevision>();
    public DbSet<ConsultDesk.Domain.Info.InfoEdition> InfoEditions => Set<ConsultDesk.Domain.Info.InfoEdition>();
    public DbSet<ConsultDesk.Domain.Info.InfoImage> InfoImages => Set<ConsultDesk.Domain.Info.InfoImage>();
    public DbSet<ConsultDesk.Domain.Info.InfoFacetValue> InfoFacetValues => Set<ConsultDesk.Domain.Info.InfoFacetValue>();
    public DbSet<ConsultDesk.Domain.Info.InfoLink> InfoLinks => Set<ConsultDesk.Domain.Info.InfoLink>();
    public DbSet<ConsultDesk.Domain.Info.InfoSearchDocument> InfoSearch => Set<ConsultDesk.Domain.Info.InfoSearchDocument>();
    public DbSet<ConsultDesk.Domain.Reporting.CaseReportRow> CaseReportRows => Set<ConsultDesk.Domain.Reporting.CaseReportRow>();
    public DbSet<ConsultDesk.Domain.Reporting.FlowDayCount> FlowDayCounts => Set<ConsultDesk.Domain.Reporting.FlowDayCount>();
    public DbSet<ConsultDesk.Domain.Reporting.FlowDayDelta> FlowDayDeltas => Set<ConsultDesk.Domain.Reporting.FlowDayDelta>();
    public DbSet<ConsultDesk.Domain.Reporting.SpeedCell> SpeedCells => Set<ConsultDesk.Domain.Reporting.SpeedCell>();
    public DbSet<ConsultDesk.Domain.Reporting.SpeedCellDelta> SpeedCellDeltas => Set<ConsultDesk.Domain.Reporting.SpeedCellDelta>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CaseTimeline.EnsureRule(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CaseTimeline.EnsureRule(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ConsultDeskDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their kebab-case wire names: readable in SQL, stable when members are reordered.
        configurationBuilder.Properties<CaseStatus>().HaveConversion<WireEnumConverter<CaseStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<InquirerType>().HaveConversion<WireEnumConverter<InquirerType>>().HaveMaxLength(32);
        configurationBuilder.Properties<ContactChannel>().HaveConversion<WireEnumConverter<ContactChannel>>().HaveMaxLength(32);
        configurationBuilder.Properties<InquiryLanguage>().HaveConversion<WireEnumConverter<InquiryLanguage>>().HaveMaxLength(8);
        configurationBuilder.Properties<IntakeSource>().HaveConversion<WireEnumConverter<IntakeSource>>().HaveMaxLength(16);
        configurationBuilder.Properties<OutboxStatus>().HaveConversion<WireEnumConverter<OutboxStatus>>().HaveMaxLength(16);
        configurationBuilder.Properties<CloseReason>().HaveConversion<WireEnumConverter<CloseReason>>().HaveMaxLength(16);
        configurationBuilder.Properties<ConsultationChannel>().HaveConversion<WireEnumConverter<ConsultationChannel>>().HaveMaxLength(16);
        configurationBuilder.Properties<FollowUpRule>().HaveConversion<WireEnumConverter<FollowUpRule>>().HaveMaxLength(32);
        configurationBuilder.Properties<FollowUpState>().HaveConversion<WireEnumConverter<FollowUpState>>().HaveMaxLength(16);
        configurationBuilder.Properties<OptOutChannel>().HaveConversion<WireEnumConverter<OptOutChannel>>().HaveMaxLength(16);
        configurationBuilder.Properties<IncentiveKind>().HaveConversion<WireEnumConverter<IncentiveKind>>().HaveMaxLength(16);
        configurationBuilder.Properties<CompanySize>().HaveConversion<WireEnumConverter<CompanySize>>().HaveMaxLength(16);
        configurationBuilder.Properties<ProposalStatus>().HaveConversion<WireEnumConverter<ProposalStatus>>().HaveMaxLength(24);
        configurationBuilder.Properties<ScanStatus>().HaveConversion<WireEnumConverter<ScanStatus>>().HaveMaxLength(16);
        configurationBuilder.Properties<DeclarationStatus>().HaveConversion<WireEnumConverter<DeclarationStatus>>().HaveMaxLength(16);
        configurationBuilder.Properties<DeclarationItemKind>().HaveConversion<WireEnumConverter<DeclarationItemKind>>().HaveMaxLength(16);
        configurationBuilder.Properties<DeclarationVersionOutcome>().HaveConversion<WireEnumConverter<DeclarationVersionOutcome>>().HaveMaxLength(16);
        configurationBuilder.Properties<JudgingMode>().HaveConversion<WireEnumConverter<JudgingMode>>().HaveMaxLength(16);
        configurationBuilder.Properties<ScoreAggregation>().HaveConversion<WireEnumConverter<ScoreAggregation>>().HaveMaxLength(16);
        configurationBuilder.Properties<AwardEntryStatus>().HaveConversion<WireEnumConverter<AwardEntryStatus>>().HaveMaxLength(16);
        configurationBuilder.Properties<AwardEntrantKind>().HaveConversion<WireEnumConverter<AwardEntrantKind>>().HaveMaxLength(16);
        configurationBuilder.Properties<ConflictStatus>().HaveConversion<WireEnumConverter<ConflictStatus>>().HaveMaxLength(16);
        configurationBuilder.Properties<InboundOutcome>().HaveConversion<WireEnumConverter<InboundOutcome>>().HaveMaxLength(16);
    }
}

/// <summary>The per-year counter behind case references.</summary>
public sealed class ReferenceSequence
{
    public int Year { get; set; }
    public long LastValue { get; set; }
}
