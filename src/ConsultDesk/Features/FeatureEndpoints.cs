using ConsultDesk.Features.Auth;
using ConsultDesk.Features.Inquiries;
using ConsultDesk.Features.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features;

public static class FeatureEndpoints
{
    /// <summary>Every API slice, one line each. The group requires a signed-in user; public slices opt out.</summary>
    public static IEndpointRouteBuilder MapFeatureEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        SubmitInquiry.MapEndpoint(api);
        Declarations.SubmitDeclaration.MapEndpoint(api);
        PostalCodes.LookUpPostalCode.MapEndpoint(api);
        Login.MapEndpoint(api);
        CreateUser.MapEndpoint(api);
        ListUsers.MapEndpoint(api);
        GetCurrentUser.MapEndpoint(api);
        ChangeUserRoles.MapEndpoint(api);
        DisableUser.MapEndpoint(api);
        EnableUser.MapEndpoint(api);
        SendPasswordReset.MapEndpoint(api);
        ChangeOwnPassword.MapEndpoint(api);
        SetUpTwoFactor.MapEndpoint(api);
        EnableTwoFactor.MapEndpoint(api);
        DisableTwoFactor.MapEndpoint(api);
        ResetTwoFactor.MapEndpoint(api);
        ListAccountEvents.MapEndpoint(api);
        ExportAccountEvents.MapEndpoint(api);
        RequestPasswordReset.MapEndpoint(api);
        ResetPassword.MapEndpoint(api);
        Cases.ListCases.MapEndpoint(api);
        Cases.ExportCases.MapEndpoint(api);
        Cases.GetCase.MapEndpoint(api);
        Cases.ClaimCase.MapEndpoint(api);
        Cases.AssignCase.MapEndpoint(api);
        Cases.ReleaseCase.MapEndpoint(api);
        Cases.TransitionCase.MapEndpoint(api);
        Cases.AddNote.MapEndpoint(api);
        Cases.SendReply.MapEndpoint(api);
        Attachments.DownloadAttachment.MapEndpoint(api);
        Cases.RecordConsultation.MapEndpoint(api);
        Cases.AddTask.MapEndpoint(api);
        Cases.UpdateTask.MapEndpoint(api);
        Cases.MergeCase.MapEndpoint(api);
        Cases.BulkAssign.MapEndpoint(api);
        Cases.BulkCloseAsSpam.MapEndpoint(api);
        SavedViews.ListSavedViews.MapEndpoint(api);
        SavedViews.SaveView.MapEndpoint(api);
        SavedViews.RenameSavedView.MapEndpoint(api);
        SavedViews.DeleteSavedView.MapEndpoint(api);
        Templates.ListMailTemplates.MapEndpoint(api);
        Templates.GetMailTemplate.MapEndpoint(api);
        Templates.SaveMailTemplate.MapEndpoint(api);
        Templates.ResetMailTemplate.MapEndpoint(api);
        Templates.PreviewMailTemplate.MapEndpoint(api);
        Outbox.ListOutbox.MapEndpoint(api);
        Outbox.RetryOutboxMail.MapEndpoint(api);
        Matching.UpdateCompanyNeeds.MapEndpoint(api);
        Matching.ProposeMatch.MapEndpoint(api);
        Matching.ListMatches.MapEndpoint(api);
        Matching.RequestMatchConsent.MapEndpoint(api);
        Matching.SendIntroduction.MapEndpoint(api);
        Matching.MoveMatch.MapEndpoint(api);
        Reports.ReportEndpoints.Map(api);
        Reports.SendMonthlyReport.MapEndpoint(api);
        Matching.SuggestMatches.MapEndpoint(api);
        Municipalities.ListMunicipalities.MapEndpoint(api);
        Municipalities.SearchMunicipalities.MapEndpoint(api);
        Municipalities.ExportMunicipalities.MapEndpoint(api);
        Municipalities.ImportMunicipalities.MapEndpoint(api);
        Municipalities.GetMunicipality.MapEndpoint(api);
        Municipalities.SaveMunicipality.MapEndpoint(api);
        Declarations.ListDeclarations.MapEndpoint(api);
        Declarations.GetDeclaration.MapEndpoint(api);
        Declarations.AcceptDeclaration.MapEndpoint(api);
        Declarations.ReturnDeclaration.MapEndpoint(api);
        Declarations.RejectDeclaration.MapEndpoint(api);
        Declarations.WithdrawDeclaration.MapEndpoint(api);
        Declarations.ClearDeclarationAttention.MapEndpoint(api);
        Declarations.ListPublicDeclarations.MapEndpoint(api);
        Info.FindMatchingPolicies.MapEndpoint(api);
        Declarations.GetPublicDeclaration.MapEndpoint(api);
        Declarations.GetDeclarationFeed.MapEndpoint(app);
        Info.FindInfoItems.MapEndpoint(api);
        Info.GetPublicInfoItem.MapEndpoint(api);
        Info.GetInfoFeed.MapEndpoint(app);
        Info.WriteSitemap.MapEndpoint(app);
        // Action宣言: the form items admins edit.
        Declarations.ListDeclarationItems.MapEndpoint(api);
        Declarations.CreateDeclarationItem.MapEndpoint(api);
        Declarations.UpdateDeclarationItem.MapEndpoint(api);
        // Award (A): rounds, staff views of entries, timeline, exports.
        Award.ListAwardRounds.MapEndpoint(api);
        Award.CreateAwardRound.MapEndpoint(api);
        Award.GetAwardRound.MapEndpoint(api);
        Award.UpdateAwardRound.MapEndpoint(api);
        Award.ListAwardEntries.MapEndpoint(api);
        Award.GetAwardEntry.MapEndpoint(api);
        Award.GetAwardEntryTimeline.MapEndpoint(api);
        Award.ExportAwardEntries.MapEndpoint(api, app);
        Award.ExportAwardScores.MapEndpoint(api, app);
        // 地方創生テレワークアワード: ranking, shortlist, decisions and the public results.
        Award.GetAwardRanking.MapEndpoint(api);
        Award.ShortlistAwardEntry.MapEndpoint(api);
        Award.DecideAwardCategory.MapEndpoint(api);
        Award.ReopenAwardDecision.MapEndpoint(api);
        Award.ListAwardDecisions.MapEndpoint(api);
        Award.GetPublicAwardResults.MapEndpoint(api);
        // Outside /api: the inquirer's download opens by the portal token, under the portal's guard and headers.
        Portal.DownloadPortalAttachment.MapEndpoint(app);
        // Action宣言 certificate and logo (outside /api: links people open and print).
        Declarations.RenderCertificate.MapEndpoint(app);
        Declarations.DownloadLogo.MapEndpoint(app);
        // award: entries (B). The entrant's API (X-Declarant-Token), the staff/judge download, the entrant's download.
        Award.ListOwnAwardEntries.MapEndpoint(api);
        Award.GetOwnAwardEntry.MapEndpoint(api);
        Award.SaveAwardEntry.MapEndpoint(api);
        Award.SubmitAwardEntry.MapEndpoint(api);
        Award.WithdrawAwardEntry.MapEndpoint(api);
        Award.AddAwardAttachments.MapEndpoint(api);
        Award.RemoveAwardAttachment.MapEndpoint(api);
        Award.DownloadAwardAttachment.MapEndpoint(api);
        Award.DownloadAwardAttachment.MapDeskEndpoint(app);
        Award.DownloadOwnAwardAttachment.MapPageEndpoint(app);
        // Award judging (assignments, conflict of interest, scores).
        Award.ListAwardAssignments.MapEndpoint(api);
        Award.AssignAwardJudge.MapEndpoint(api);
        Award.SpreadAwardAssignments.MapEndpoint(api);
        Award.RemoveAwardAssignment.MapEndpoint(api);
        Award.ListJudgingAssignments.MapEndpoint(api);
        Award.GetJudgingAssignment.MapEndpoint(api);
        Award.DeclareAwardConflict.MapEndpoint(api);
        Award.SaveAwardScores.MapEndpoint(api);
        // info: link checker.
        Info.ListInfoLinks.MapEndpoint(api);
        Info.ListItemLinks.MapEndpoint(api);
        Info.CheckItemLinks.MapEndpoint(api);
        // info: editing (B).
        Info.ListInfoItems.MapEndpoint(api);
        Info.CreateInfoItem.MapEndpoint(api);
        Info.GetInfoItem.MapEndpoint(api);
        Info.UpdateInfoItem.MapEndpoint(api);
        Info.ScheduleInfoItem.MapEndpoint(api);
        Info.PublishInfoItem.MapEndpoint(api);
        Info.UnpublishInfoItem.MapEndpoint(api);
        Info.ListInfoRevisions.MapEndpoint(api);
        Info.GetInfoRevision.MapEndpoint(api);
        Info.GetInfoImage.MapEndpoint(app);
        Info.ExportPolicies.MapEndpoint(api, app);
        Info.ImportPolicies.MapEndpoint(api);
        return app;
    }
}
