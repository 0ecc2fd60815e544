using ConsultDesk.Domain.FollowUps;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Domain.Users;

namespace ConsultDesk.Domain;

/// <summary>One value of a code list as it travels (<see cref="Code"/>) and as people read it in Japanese and English.</summary>
public sealed record CodeEntry(string Code, string Ja, string En);

/// <summary>A fixed list of codes the API accepts or returns, with its labels; <see cref="EnumType"/> when it is a C# enum.</summary>
public sealed record CodeList(string Name, string TitleJa, string TitleEn, IReadOnlyList<CodeEntry> Entries, Type? EnumType = null);

/// <summary>
/// Every code list of the API in one place, with the labels the UI shows (from the same resources and tables): the
/// OpenAPI document turns these into enums with labels, and README points here. Add a list here when the API gains one.
/// </summary>
public static class CodeLists
{
    private static CodeEntry Localized<TEnum>(TEnum value, string resource) where TEnum : struct, Enum =>
        new(Wire.Name(value), LocalizedText.Get(resource, english: false), LocalizedText.Get(resource, english: true));

    private static CodeList FromEnum<TEnum>(string titleJa, string titleEn, Func<TEnum, CodeEntry> entry) where TEnum : struct, Enum =>
        new(typeof(TEnum).Name, titleJa, titleEn, [.. Enum.GetValues<TEnum>().Select(entry)], typeof(TEnum));

    public static readonly IReadOnlyList<CodeList> All =
    [
        FromEnum<InquirerType>("相談者区分", "Party type", t => new(Wire.Name(t), InquirerTypeNames.Name(t, false), InquirerTypeNames.Name(t, true))),
        FromEnum<CaseStatus>("案件の状態", "Case status", s => Localized(s, "Status" + s)),
        FromEnum<CloseReason>("クローズ理由", "Close reason", r => Localized(r, "Reason" + r)),
        FromEnum<ContactChannel>("希望する連絡方法", "Contact channel", c => new(Wire.Name(c), ChannelNames.Name(c, false), ChannelNames.Name(c, true))),
        FromEnum<ConsultationChannel>("個別相談の方法", "Consultation channel", c => new(Wire.Name(c), ConsultationChannelNames.Name(c, false), ConsultationChannelNames.Name(c, true))),
        FromEnum<InquiryLanguage>("言語", "Language", l => new(Wire.Name(l), l == InquiryLanguage.En ? "英語" : "日本語", l == InquiryLanguage.En ? "English" : "Japanese")),
        FromEnum<IntakeSource>("受付経路", "Intake source", s => s switch
        {
            IntakeSource.Api => new("api", "API", "API"),
            IntakeSource.WebForm => new("web-form", "Webフォーム", "Web form"),
            _ => new(Wire.Name(s), "メール", "Email"),
        }),
        FromEnum<DueState>("期限の状態", "Due state", d => Localized(d, d switch { DueState.Overdue => "DueOverdue", DueState.DueSoon => "DueSoon", _ => "DueOk" })),
        FromEnum<CompanySize>("企業規模", "Company size", s => Localized(s, "MunicipalitySize" + s)),
        FromEnum<IncentiveKind>("支援制度の種類", "Incentive kind", k => new(Wire.Name(k), MatchScoring.KindName(k).Ja, MatchScoring.KindName(k).En)),
        FromEnum<ProposalStatus>("マッチング提案の状態", "Match proposal status", s => Localized(s, "MatchStatus" + s)),
        FromEnum<FollowUpRule>("フォローアップの種類", "Follow-up rule", r => r switch
        {
            FollowUpRule.ConsultationFollowUp => new(Wire.Name(r), "個別相談のお礼", "Thanks after a consultation"),
            FollowUpRule.WaitingReminder1 => new(Wire.Name(r), "返答のお願い（1回目）", "Reminder to reply (first)"),
            FollowUpRule.WaitingReminder2 => new(Wire.Name(r), "返答のお願い（2回目）", "Reminder to reply (second)"),
            FollowUpRule.WaitingAutoClose => new(Wire.Name(r), "返答がない案件の自動クローズ", "Closing a case with no reply"),
            FollowUpRule.SatisfactionSurvey => new(Wire.Name(r), "満足度アンケート", "Satisfaction survey"),
            _ => new(Wire.Name(r), "未割り当て案件の通知", "Unassigned case alert"),
        }),
        FromEnum<Declarations.DeclarationStatus>("Action宣言の状態", "Declaration status", s => s switch
        {
            Declarations.DeclarationStatus.Unconfirmed => new(Wire.Name(s), "メール確認待ち", "Awaiting mail confirmation"),
            Declarations.DeclarationStatus.InReview => new(Wire.Name(s), "確認中", "In review"),
            Declarations.DeclarationStatus.Returned => new(Wire.Name(s), "差し戻し", "Returned"),
            Declarations.DeclarationStatus.Accepted => new(Wire.Name(s), "受理", "Accepted"),
            Declarations.DeclarationStatus.Rejected => new(Wire.Name(s), "不受理", "Rejected"),
            _ => new(Wire.Name(s), "取り下げ", "Withdrawn"),
        }),
        FromEnum<Award.JudgingMode>("アワードの審査方式", "Award judging mode", m => m switch
        {
            Award.JudgingMode.Blind => new(Wire.Name(m), "ブラインド審査（応募者名を伏せる）", "Blind (entrant names hidden)"),
            _ => new(Wire.Name(m), "オープン審査", "Open"),
        }),
        FromEnum<Award.ScoreAggregation>("アワードの集計方法", "Award score aggregation", a => a switch
        {
            Award.ScoreAggregation.Mean => new(Wire.Name(a), "平均", "Mean"),
            _ => new(Wire.Name(a), "中央値", "Median"),
        }),
        FromEnum<Award.AwardEntrantKind>("アワードの応募者区分", "Award entrant kind", k => k switch
        {
            Award.AwardEntrantKind.Organization => new(Wire.Name(k), "企業・団体", "Organisation"),
            _ => new(Wire.Name(k), "自治体", "Municipality"),
        }),
        FromEnum<Award.AwardEntryStatus>("アワード応募の状態", "Award entry status", s => s switch
        {
            Award.AwardEntryStatus.Draft => new(Wire.Name(s), "下書き", "Draft"),
            Award.AwardEntryStatus.Submitted => new(Wire.Name(s), "提出済み", "Submitted"),
            _ => new(Wire.Name(s), "取り下げ", "Withdrawn"),
        }),
        FromEnum<Award.ConflictStatus>("利益相反の申告", "Conflict-of-interest declaration", c => c switch
        {
            Award.ConflictStatus.Pending => new(Wire.Name(c), "未申告", "Not declared yet"),
            Award.ConflictStatus.NoConflict => new(Wire.Name(c), "利益相反なし", "No conflict"),
            _ => new(Wire.Name(c), "利益相反あり（担当解除）", "Conflict (unassigned)"),
        }),
        FromEnum<Award.AwardPhase>("アワードの段階", "Award phase", p => p switch
        {
            Award.AwardPhase.Setup => new(Wire.Name(p), "準備中", "Setting up"),
            Award.AwardPhase.EntryOpen => new(Wire.Name(p), "応募受付中", "Entries open"),
            Award.AwardPhase.EntryClosed => new(Wire.Name(p), "応募締切", "Entries closed"),
            Award.AwardPhase.Judging => new(Wire.Name(p), "審査中", "Judging"),
            Award.AwardPhase.Deciding => new(Wire.Name(p), "選考中", "Deciding"),
            _ => new(Wire.Name(p), "結果公表", "Published"),
        }),
        FromEnum<Info.LinkState>("リンクの確認結果", "Link check state", s => s switch
        {
            Info.LinkState.Ok => new(Wire.Name(s), "正常", "OK"),
            Info.LinkState.Redirected => new(Wire.Name(s), "転送あり", "Redirected"),
            Info.LinkState.Broken => new(Wire.Name(s), "リンク切れ", "Broken"),
            _ => new(Wire.Name(s), "未確認", "Not checked"),
        }),
        // info: editing (B) — the portal's wire enums.
        FromEnum<Info.InfoStatus>("公開状態", "Publication status", s => s switch
        {
            Info.InfoStatus.Draft => new("draft", "下書き", "Draft"),
            Info.InfoStatus.Scheduled => new("scheduled", "公開予約", "Scheduled"),
            Info.InfoStatus.Published => new("published", "公開中", "Published"),
            _ => new("unpublished", "公開停止", "Unpublished"),
        }),
        FromEnum<Info.InfoRevisionAction>("変更の種類", "Revision action", a => a switch
        {
            Info.InfoRevisionAction.Created => new("created", "作成", "Created"),
            Info.InfoRevisionAction.Edited => new("edited", "編集", "Edited"),
            Info.InfoRevisionAction.Scheduled => new("scheduled", "公開予約", "Scheduled"),
            Info.InfoRevisionAction.Published => new("published", "公開", "Published"),
            Info.InfoRevisionAction.Unpublished => new("unpublished", "公開停止", "Unpublished"),
            _ => new("imported", "取込", "Imported"),
        }),
        new("Topic", "相談テーマ", "Topic", [.. Topic.All.Select(t => new CodeEntry(t, TopicNames.Name(t, false), TopicNames.Name(t, true)))]),
        new("Industry", "業種（日本標準産業分類の大分類）", "Industry (JSIC major division)", [.. Industry.Divisions.Select(d => new CodeEntry(d.Code, d.Ja, d.En))]),
        new("Prefecture", "都道府県（JIS X 0401）", "Prefecture (JIS X 0401)", [.. Prefecture.All.Select(p => new CodeEntry(p.Code, p.Name, p.NameEn))]),
        new("Region", "地方", "Region", [.. Prefecture.All.Select(p => p.Region).Distinct().Select(r => new CodeEntry(r, MatchScoring.RegionName(r).Ja, MatchScoring.RegionName(r).En))]),
        FromEnum<Info.InfoKind>("情報の種類", "Information kind", k => InfoCodesKind(k)),
        FromEnum<Info.InfoSort>("情報の並び順", "Information sort order", s => s == Info.InfoSort.Deadline
            ? new(Wire.Name(s), "締切が近い順", "Deadline soonest") : new(Wire.Name(s), "新しい順", "Newest")),
        new("InfoCategory", "施策の分類", "Policy category", Info.InfoCodes.PolicyCategories),
        new("InfoMinistry", "府省庁", "Ministry or agency", Info.InfoCodes.Ministries),
        new("Role", "ロール", "Role", [.. Roles.All.Select(r => new CodeEntry(r,
            LocalizedText.Get("Role" + char.ToUpperInvariant(r[0]) + r[1..], false), LocalizedText.Get("Role" + char.ToUpperInvariant(r[0]) + r[1..], true)))]),
    ];

    /// <summary>String properties and query parameters that carry codes of a list (by their JSON name).</summary>
    private static readonly Dictionary<string, string> ByMember = new(StringComparer.Ordinal)
    {
        ["topics"] = "Topic", ["topic"] = "Topic",
        ["industry"] = "Industry", ["welcomedIndustries"] = "Industry",
        ["prefectureCode"] = "Prefecture", ["preferredPrefectureCodes"] = "Prefecture", ["prefecture"] = "Prefecture",
        ["region"] = "Region", ["preferredRegions"] = "Region",
        ["welcomedCompanySizes"] = "CompanySize",
        ["roles"] = "Role",
        // Not "category": the award entries use that name for their own categories.
        ["ministry"] = "InfoMinistry",
    };

    private static CodeEntry InfoCodesKind(Info.InfoKind kind) => Info.InfoCodes.KindName(kind);

    public static CodeList? ForEnum(string schemaName) => All.FirstOrDefault(l => l.EnumType is not null && l.Name == schemaName);

    public static CodeList? ForMember(string jsonName) =>
        ByMember.TryGetValue(jsonName, out var list) ? All.First(l => l.Name == list) : null;
}
