using ConsultDesk.Domain;

namespace ConsultDesk.Mail;

/// <summary>A value a template can use, with a sample per language for previews and checks.</summary>
public sealed record TemplateVariable(string Name, string DescriptionJa, string DescriptionEn, object SampleJa, object SampleEn)
{
    public string Description(bool english) => english ? DescriptionEn : DescriptionJa;

    public object Sample(InquiryLanguage language) => language == InquiryLanguage.En ? SampleEn : SampleJa;
}

/// <summary>
/// One mail template: what it is for, whether it is essential (sent even to an inquirer who opted out) or internal
/// (to staff), and the variables its callers put in the model.
/// </summary>
public sealed record TemplateEntry(string Name, string DescriptionJa, string DescriptionEn, bool Essential, bool Internal,
    IReadOnlyList<TemplateVariable> Variables)
{
    public string Description(bool english) => english ? DescriptionEn : DescriptionJa;

    /// <summary>The model a preview renders with: every variable at its sample value.</summary>
    public Dictionary<string, object?> SampleModel(InquiryLanguage language) =>
        Variables.ToDictionary(v => v.Name, v => (object?)v.Sample(language), StringComparer.Ordinal);
}

/// <summary>
/// Every mail template the desk sends, in the order admins see them. The variables listed are exactly what the
/// callers (AcknowledgementMail, CaseMail, FollowUpMail, MatchMail, MonthlyReportMail, PasswordResetMail, the portal)
/// set; a unit test keeps the list and the shipped templates in step.
/// </summary>
/// <remarks>
/// Where mail code lives: <c>Mail/</c> is the mail module that features use, never the other way round, so nothing in
/// <c>Mail/</c> refers to a feature's namespace. It holds the outbox and its dispatch, transports, the
/// templates (shipped files, admin overrides, checks) and this catalog, which describes every template as data,
/// named by its kind (the template's file name). It also holds what mails to an inquirer share, used by several
/// features: <see cref="InquirerMail"/>, <see cref="CaseMail"/> (threading, the base model), <see cref="PortalLinks"/>
/// and the <see cref="AcknowledgementMail"/> (sent by the web form and the mailbox import alike). A builder that only
/// one feature sends lives in that feature's folder and owns its kind constant (Features/FollowUps/FollowUpMail,
/// Features/Matching/MatchMail, Features/Reports/MonthlyReportMail, Features/Users/PasswordResetMail); a new mail
/// adds its entry here with the kind as a literal, its template files under Mail/Templates, and its builder in its
/// feature. MailCatalogTests checks every feature's kind constant has an entry here.
/// </remarks>
public static class MailTemplateCatalog
{
    /// <summary>A list variable's sample: rendered as a list, shown to admins as <paramref name="text"/>.</summary>
    private sealed class ListSample(string text, IEnumerable<Dictionary<string, object?>> items) : List<Dictionary<string, object?>>(items)
    {
        public override string ToString() => text;
    }

    public static readonly IReadOnlyList<InquiryLanguage> Languages = [InquiryLanguage.Ja, InquiryLanguage.En];

    private static TemplateVariable V(string name, string ja, string en, object sampleJa, object? sampleEn = null) =>
        new(name, ja, en, sampleJa, sampleEn ?? sampleJa);

    private static readonly TemplateVariable Reference = V("reference", "受付番号", "Case reference", "CD-2026-000123");
    private static readonly TemplateVariable ContactName = V("contact_name", "相談者の氏名（日本語は姓 名、英語は名 姓の順）",
        "The inquirer's name (family name first in Japanese, given name first in English)", "山田 花子", "Hanako Yamada");
    private static readonly TemplateVariable OrganizationName = V("organization_name", "団体・企業名（個人の相談では空）",
        "Organisation name (empty for individuals)", "〇〇市", "Sample Town");
    private static readonly TemplateVariable PublicBaseUrl = V("public_base_url", "窓口サイトの URL", "The desk's web address", "https://desk.example.jp");
    private static readonly TemplateVariable PortalUrl = V("portal_url", "相談者専用ページへのリンク（ご本人専用）", "Link to the inquirer's own case page (personal)",
        "https://desk.example.jp/portal/SAMPLE-TOKEN");
    private static readonly TemplateVariable UnsubscribeUrl = V("unsubscribe_url", "案内メールの配信停止リンク", "Link that stops non-essential mails",
        "https://desk.example.jp/unsubscribe/SAMPLE-TOKEN");
    private static readonly TemplateVariable StaffName = V("staff_name", "送信する担当者の表示名", "Display name of the consultant who sends the mail", "佐藤 一郎", "Ichiro Sato");
    private static readonly TemplateVariable Channel = V("channel", "相談の方法", "How the consultation takes place", "オンライン会議", "Online meeting");

    private static readonly TemplateVariable MunicipalityName = V("municipality_name", "紹介先の自治体名", "Name of the municipality", "サンプル市", "Sample City");
    private static readonly TemplateVariable MunicipalityDepartment = V("contact_department", "自治体の担当部署", "The municipality's contact office", "企画政策課", "Planning Division");

    /// <summary>What every mail to an inquirer can use (CaseMail.InquirerModel).</summary>
    private static readonly TemplateVariable[] Inquirer = [Reference, ContactName, OrganizationName, PublicBaseUrl];

    /// <summary>What every mail to a declarant's contact can use (<see cref="DeclarationMail"/>).</summary>
    private static readonly TemplateVariable[] Declarant =
    [
        V("organization_name", "宣言した団体・企業名", "The declaring organisation", "サンプル株式会社", "Sample Co., Ltd."),
        V("declaration_number", "宣言番号（受理前は空）", "Declaration number (empty before acceptance)", "第000123号", "No. 000123"),
        V("public_url", "公開ページへのリンク（受理前は空）", "Link to the public page (empty before acceptance)", "https://desk.example.jp/sengen/123"),
        V("manage_url", "宣言者専用ページへのリンク（ご本人専用）", "Link to the declarant's own page (personal)", "https://desk.example.jp/sengen/manage/SAMPLE-TOKEN"),
        V("link_expires_at", "リンクの有効期限（日本時間）", "When the link stops working (Japan time)", "2027年6月1日 10:00", "2027-06-01 10:00 JST"),
        PublicBaseUrl,
    ];

    private static readonly TemplateVariable DeclarationReason = V("reason", "事務局が入力した理由（複数行、受理では空）", "The reason the office wrote (several lines; empty on acceptance)",
        "取組内容をもう少し具体的にご記入ください。", "Please describe your commitments more concretely.");
    private static readonly TemplateVariable DeclarationChange = V("change", "受理後の変更についての連絡なら true", "True when the mail is about a change after acceptance", false);

    /// <summary>What the award entry mails add to <see cref="Declarant"/>.</summary>
    private static readonly TemplateVariable[] AwardEntryVariables =
    [
        V("round_title", "アワードの回の名称", "The award round", "第1回 地方創生テレワークアワード", "1st Regional Revitalisation Telework Award"),
        V("round_year", "アワードの年", "The award year", 2026),
        V("category_name", "部門", "Category", "地域課題解決プロジェクト参画", "Taking part in regional problem-solving projects"),
        V("entry_title", "取組の名称", "Title of the initiative", "サテライトオフィスを拠点とした地域課題解決", "Solving local problems from a satellite office"),
        V("entry_id", "応募の ID（応募ページは manage_url の後に /award/ と ID）", "The entry's id (its page is manage_url + /award/ + id)",
            "0190a3b4-0000-7000-8000-000000000000"),
        V("entry_closes_at", "応募締切（日本時間）", "Entry deadline (Japan time)", "2026年7月31日 17:00", "2026-07-31 17:00 JST"),
    ];

    public static readonly IReadOnlyList<TemplateEntry> All =
    [
        // Sent to an address nobody has checked yet: no variable carries the inquirer's own words (see AcknowledgementMail).
        new(AcknowledgementMail.Kind, "受付確認（問い合わせ直後に自動送信。入力された氏名・件名・本文は含めません）",
            "Acknowledgement (sent right after an inquiry; never repeats the names, subject or text the inquirer typed)", Essential: true, Internal: false,
        [
            Reference,
            PublicBaseUrl,
            V("submitted_at", "受付日時（日本時間）", "When the inquiry arrived (Japan time)", "2026年4月1日 10:00", "2026-04-01 10:00 JST"),
            V("first_response_due", "初回連絡の期限（日本時間）", "When the first answer is due at the latest (Japan time)", "2026年4月3日 10:00", "2026-04-03 10:00 JST"),
            PortalUrl,
            V("policies", "ご相談のテーマ・区分に合う公開中の施策・ガイドライン（最大 3 件、ないときは空。各項目の title と url を {% for p in policies %} で使います）",
                "Published policies and guidelines matching the inquiry's topics and party (up to 3, may be empty; use each item's title and url in {% for p in policies %})",
                new ListSample("テレワークセキュリティガイドライン https://desk.example.jp/info/guideline/telework-security-guideline",
                    [new(StringComparer.Ordinal) { ["title"] = "テレワークセキュリティガイドライン", ["url"] = "https://desk.example.jp/info/guideline/telework-security-guideline" }]),
                new ListSample("Telework security guideline https://desk.example.jp/info/guideline/telework-security-guideline",
                    [new(StringComparer.Ordinal) { ["title"] = "Telework security guideline", ["url"] = "https://desk.example.jp/info/guideline/telework-security-guideline" }])),
        ]),
        new(CaseMail.ReplyKind, "担当者からの返信", "Reply from a consultant", Essential: true, Internal: false,
        [
            .. Inquirer,
            StaffName,
            V("subject", "担当者が入力した件名", "Subject the consultant entered", "補助金のご案内", "About subsidies"),
            V("body", "担当者が入力した本文（複数行）", "Text the consultant wrote (several lines)",
                "お問い合わせありがとうございます。\n補助金についてご案内します。", "Thank you for your inquiry.\nHere is information on subsidies."),
        ]),
        new(CaseMail.InviteKind, "個別相談の案内（カレンダー招待付き）", "Consultation invitation (with a calendar invite)", Essential: true, Internal: false,
        [
            .. Inquirer,
            StaffName,
            V("starts_at", "相談の開始日時（日本時間）", "When the consultation starts (Japan time)", "2026年4月10日 14:00", "2026-04-10 14:00 JST"),
            V("duration_minutes", "相談の長さ（分）", "Length in minutes", 60),
            Channel,
            V("attendees", "出席者（空のことがあります）", "Attendees (may be empty)", "山田、佐藤", "Yamada, Sato"),
        ]),
        new("consultation-follow-up", "個別相談のお礼と今後の進め方", "Thanks after a consultation, with next steps", Essential: true, Internal: false,
        [
            .. Inquirer,
            V("consulted_at", "相談した日時（日本時間）", "When the consultation took place (Japan time)", "2026年4月10日 14:00", "2026-04-10 14:00 JST"),
            Channel,
            V("next_steps", "記録された今後の進め方（複数行、空のことがあります）", "Next steps recorded (several lines, may be empty)",
                "1. 候補物件の資料をお送りします。\n2. 来月に現地視察を行います。", "1. We will send you the candidate buildings.\n2. Site visit next month."),
            PortalUrl,
        ]),
        new("waiting-reminder", "返信のお願い（リマインド 1 回目・2 回目）", "Reminder while the desk waits for an answer (first and second)", Essential: false, Internal: false,
        [
            .. Inquirer,
            V("reminder_number", "リマインドの回数（1 または 2）", "Which reminder this is (1 or 2)", 1),
            V("close_on", "返信がない場合に終了する日時", "When the case closes without an answer", "2026年4月21日 17:00", "2026-04-21 17:00 JST"),
            PortalUrl,
            UnsubscribeUrl,
        ]),
        new("closing-notice", "対応終了のお知らせ（返信がなく自動終了）", "Closing notice (closed for lack of an answer)", Essential: true, Internal: false,
        [
            .. Inquirer,
            V("reopen_until", "返信で再開できる期限", "Until when a reply reopens the case", "2026年7月20日 17:00", "2026-07-20 17:00 JST"),
            PortalUrl,
        ]),
        new("satisfaction-survey", "アンケートのお願い（解決後）", "Satisfaction survey (after resolution)", Essential: false, Internal: false,
        [
            .. Inquirer,
            V("survey_url", "アンケートページへのリンク", "Link to the survey", "https://desk.example.jp/portal/SAMPLE-TOKEN/survey"),
            UnsubscribeUrl,
        ]),
        new("unassigned-escalation", "未割り当て案件の通知（マネージャー宛て、日本語で送信）", "Unassigned case alert (to managers, sent in Japanese)", Essential: true, Internal: true,
        [
            Reference,
            V("submitted_at", "受付日時（日本時間）", "When the inquiry arrived (Japan time)", "2026年4月1日 10:00", "2026-04-01 10:00 JST"),
            V("due_at", "初回回答期限（日本時間）", "First-response due time (Japan time)", "2026年4月3日 10:00", "2026-04-03 10:00 JST"),
            V("inquirer_type", "相談者の区分", "Kind of inquirer", "市町村", "Municipality"),
            V("subject", "問い合わせの件名", "Subject of the inquiry", "サテライトオフィス誘致の進め方", "Setting up a satellite office"),
            V("case_url", "案件ページへのリンク（職員用）", "Link to the case in the desk (staff)", "https://desk.example.jp/desk/cases/CD-2026-000123"),
        ]),
        // Requested by anyone who knows an address and a reference: like the acknowledgement, no inquirer's text.
        new("portal-link", "相談者専用ページへの新しいリンク（依頼に応じて送信。以前のリンクは無効になります）",
            "A fresh link to the inquirer's case page (on request; earlier links stop working)", Essential: true, Internal: false,
        [
            Reference,
            PublicBaseUrl,
            PortalUrl,
        ]),
        new("match-consent-request", "自治体への紹介についての同意のお願い（企業宛て）", "Consent request for an introduction to a municipality (to the company)", Essential: true, Internal: false,
        [
            .. Inquirer,
            MunicipalityName,
            V("shared_fields", "自治体に伝える情報の一覧", "The details that would be shared with the municipality",
                "企業名、担当者氏名、メールアドレス、電話番号、ご希望の条件（地域・席数・予算など）", "Company name, Contact person, Email address, Phone number, Your requirements (area, seats, budget, ...)"),
            PortalUrl,
        ]),
        new("match-introduction-company", "自治体へのご紹介（企業宛て）", "Introduction to a municipality (to the company)", Essential: true, Internal: false,
        [
            .. Inquirer,
            MunicipalityName,
            MunicipalityDepartment,
            V("contact_email", "自治体の担当部署のメールアドレス", "The municipality contact office's email address", "kikaku@city.sample.lg.jp"),
        ]),
        new("match-introduction-municipality", "企業のご紹介（自治体の担当部署宛て、日本語で送信、同意を得た項目のみ）",
            "Introducing a company (to the municipality's contact office, sent in Japanese, only the agreed details)", Essential: true, Internal: true,
        [
            Reference,
            MunicipalityName,
            MunicipalityDepartment,
            V("organization_name", "企業名（同意がなければ空）", "Company name (empty unless agreed)", "株式会社サンプル", "Sample Co., Ltd."),
            V("contact_name", "企業の担当者氏名（同意がなければ空）", "Company contact person (empty unless agreed)", "山田 花子", "Hanako Yamada"),
            V("email", "企業のメールアドレス（同意がなければ空）", "Company email address (empty unless agreed)", "hanako@example.co.jp"),
            V("phone", "企業の電話番号（同意がなければ空）", "Company phone number (empty unless agreed)", "03-1234-5678"),
            V("needs", "企業の希望条件（複数行、同意がなければ空）", "The company's requirements (several lines, empty unless agreed)",
                "希望地域：石川県、北陸\n必要席数：10 席", "希望地域：石川県、北陸\n必要席数：10 席"),
            PublicBaseUrl,
        ]),
        new("monthly-report", "月次レポート（毎月第1営業日、マネージャー宛て、日本語で送信、レポートの CSV を添付）",
            "Monthly report (first business day of each month, to managers, sent in Japanese, with the report CSVs attached)", Essential: true, Internal: true,
        [
            V("month", "対象の月", "The month reported on", "2026年11月", "November 2026"),
            V("previous_month", "比較する前月", "The month compared with", "2026年10月", "October 2026"),
            V("opened", "受付件数", "Cases opened", 42),
            V("opened_previous", "前月の受付件数", "Cases opened the month before", 38),
            V("resolved", "解決件数", "Cases resolved", 30),
            V("resolved_previous", "前月の解決件数", "Cases resolved the month before", 27),
            V("closed", "終了件数", "Cases closed", 25),
            V("closed_previous", "前月の終了件数", "Cases closed the month before", 22),
            V("backlog", "月末の未完了件数", "Cases open at the end of the month", 57),
            V("backlog_previous", "前月末の未完了件数", "Cases open at the end of the month before", 45),
            V("first_response_median", "初回応答までの時間の中央値（受付がその月の案件、または「—」）",
                "Median desk time to first response (cases opened in the month, or a dash)", "5.5時間", "5.5 hours"),
            V("first_response_median_previous", "前月の初回応答までの時間の中央値", "The same for the month before", "6.0時間", "6.0 hours"),
            V("first_response_sla", "初回応答の期限内達成率（または「—」）", "Share of first responses within the SLA (or a dash)", "92.5%"),
            V("first_response_sla_previous", "前月の初回応答の期限内達成率", "The same for the month before", "88.0%"),
            V("consultation_rate", "個別相談まで進んだ割合（対受付）", "Share of cases that reached a consultation", "45.2%"),
            V("consultation_rate_previous", "前月の個別相談まで進んだ割合", "The same for the month before", "40.0%"),
            V("match_rate", "マッチング成立まで進んだ割合（対受付）", "Share of cases that reached a concluded match", "4.8%"),
            V("match_rate_previous", "前月のマッチング成立まで進んだ割合", "The same for the month before", "2.6%"),
            V("attachments", "添付ファイル名の一覧（1 行に 1 つ）", "Names of the attached files (one per line)",
                "consultdesk-caseload-2026-11.csv\nconsultdesk-flow-2026-11.csv\nconsultdesk-speed-2026-11.csv\nconsultdesk-funnel-2026-11.csv\nconsultdesk-geography-2026-11.csv"),
            V("desk_url", "窓口の職員用ページへのリンク", "Link to the desk (staff)", "https://desk.example.jp/desk"),
        ]),
        new("password-reset", "パスワード再設定のリンク（職員宛て、日本語で送信、1 回だけ有効）",
            "Password reset link (to a staff member, sent in Japanese, works once)", Essential: true, Internal: true,
        [
            V("display_name", "職員の表示名", "The staff member's display name", "佐藤 一郎", "Ichiro Sato"),
            V("reset_url", "パスワード再設定ページへのリンク（1 回だけ有効）", "Link to the page that sets a new password (works once)",
                "https://desk.example.jp/reset-password?token=SAMPLE-TOKEN"),
            V("expires_at", "リンクの有効期限（日本時間）", "When the link expires (Japan time)", "2026年4月1日 11:00", "2026-04-01 11:00 JST"),
            PublicBaseUrl,
        ]),
        // Action宣言 (declarant mails, composed by DeclarationMail).
        new("declaration-confirmation", "Action宣言の確定のお願い（申込み直後に自動送信。7 日以内に確定されない申込みは削除。未確認のアドレスに届くため、入力された団体名などは含めないでください）",
            "Please confirm your Action宣言 (sent right after a declaration; unconfirmed ones are deleted after 7 days; it goes to an address nobody has checked yet, so leave out the typed organisation name)", Essential: true, Internal: false,
        [.. Declarant]),
        new("declaration-link", "宣言者ページへの新しいリンク（/sengen/link からの依頼に応じて送信）",
            "A new link to the declarant's page (sent on request from /sengen/link)", Essential: true, Internal: false,
        [.. Declarant]),
        // Action宣言: the office's review decisions, to the declarant's contact (Features/Declarations/DeclarationReviewMail).
        new("declaration-accepted", "Action宣言の受理（宣言番号、公開ページ・宣言書・宣言者専用ページのリンク）",
            "Action declaration accepted (number, links to the public page, the certificate and the declarant's page)", Essential: true, Internal: false,
        [
            .. Declarant,
            DeclarationChange,
            V("certificate_url", "宣言書（PDF）のリンク", "Link to the certificate (PDF)", "https://desk.example.jp/sengen/123/certificate.pdf"),
            DeclarationReason,
        ]),
        new("declaration-returned", "Action宣言の差戻し（理由を記載。宣言者専用ページから修正して再提出）",
            "Action declaration returned for changes (with the reason; the declarant corrects and resubmits from their page)", Essential: true, Internal: false,
        [
            .. Declarant,
            DeclarationChange,
            DeclarationReason,
        ]),
        new("declaration-rejected", "Action宣言の却下（理由を記載。受理後の変更の却下では公開中の内容はそのまま）",
            "Action declaration rejected (with the reason; for a change after acceptance the published content stays)", Essential: true, Internal: false,
        [
            .. Declarant,
            DeclarationChange,
            DeclarationReason,
        ]),
        new("declaration-withdrawn", "Action宣言の取下げ（事務局による取下げ、理由を記載）",
            "Action declaration withdrawn (by the office, with the reason)", Essential: true, Internal: false,
        [
            .. Declarant,
            DeclarationChange,
            DeclarationReason,
        ]),
        // Action宣言: the yearly check (RunDeclarationChecks). Essential: the declarant must answer, so no List-Unsubscribe.
        new("declaration-yearly-check", "Action宣言の年次確認のお願い（受理から1年ごとに宣言者の担当者へ送信）",
            "Yearly check of an Action Declaration (sent to the declarant's contact every year after acceptance)", Essential: true, Internal: false,
        [
            .. Declarant,
            V("accepted_on", "受理日", "Date of acceptance", "2026年4月1日", "2026-04-01"),
            V("answer_by", "回答の期限（日本時間。過ぎると要確認として事務局が確認します）", "Answer deadline (Japan time; after it the office follows up)",
                "2027年6月1日 09:30", "2027-06-01 09:30 JST"),
        ]),
        // award: entries (B). To the entrant's contact, with the Declarant block (Features/Award/AwardEntrant.Mail).
        new("award-entry-submitted", "アワード応募の提出受付（提出のたびに送信。応募ページへのリンク）",
            "Award entry submitted (sent at each submission; link to the entry page)", Essential: true, Internal: false,
        [
            .. Declarant,
            .. AwardEntryVariables,
        ]),
        new("award-entry-deadline", "アワード応募の締切（回ごとに1回。提出済みは審査へ、下書きは審査対象外）",
            "Award entries closed (once per round; submitted entries go to judging, drafts are not judged)", Essential: true, Internal: false,
        [
            .. Declarant,
            .. AwardEntryVariables,
            V("submitted", "提出済みなら true（下書きのままなら false）", "True when the entry was submitted (false for a draft)", true),
        ]),
        // Award (C): a judge's conflict-of-interest declaration, to every enabled admin (Features/Award/DeclareAwardConflict).
        new("award-conflict-declared", "審査員の利益相反の申告（有効な管理者全員宛て、日本語で送信、割当ては解除済み）",
            "A judge declared a conflict of interest (to every enabled admin, sent in Japanese; the assignment is removed)", Essential: true, Internal: true,
        [
            V("judge_name", "審査員の表示名", "The judge's display name", "佐藤 一郎", "Ichiro Sato"),
            V("round_title", "アワードの回の名称", "The award round's title", "第1回 地方創生テレワークアワード", "The 1st regional telework award"),
            V("entry_title", "応募の取組名", "The entry's initiative title", "サテライトオフィスを拠点とした地域課題解決プロジェクト"),
            V("category_name", "応募の部門", "The entry's category", "地域課題解決プロジェクト参画"),
            V("note", "審査員の補足（空のこともある）", "The judge's note (may be empty)", "応募団体の顧問を務めています。", "I advise the entrant."),
            V("declared_at", "申告日時（日本時間）", "When it was declared (Japan time)", "2026-07-01 10:00"),
            V("assignments_url", "回の審査割当てページへのリンク", "Link to the round's assignments page", "https://desk.example.jp/desk/award/SAMPLE/judging"),
            V("entry_url", "応募の詳細ページへのリンク（職員用）", "Link to the entry's staff page", "https://desk.example.jp/desk/award/entries/SAMPLE"),
        ]),
        // 地方創生テレワークアワード: the outcome at publication, to each submitted entry's declarant (Features/Award/SendAwardResultMails).
        new("award-result", "アワードの審査結果（結果公表日に応募者ごとに送信。受賞なら部門名と結果ページ、受賞なしならお礼）",
            "Award outcome (sent to each entrant at publication: the category and the results page when won, thanks otherwise)", Essential: true, Internal: false,
        [
            .. Declarant,
            V("award_title", "アワードの回の名称", "The award round's title", "第10回 地方創生テレワークアワード", "The 10th Regional Revitalisation Telework Award"),
            V("entry_title", "応募した取組の名称", "The entered initiative's title", "サテライトオフィスを拠点とした地域課題解決", "Solving local issues from a satellite office"),
            V("won", "受賞したとき true", "True when the entry won", true),
            V("category_name", "受賞した部門の名称（受賞なしでは応募した部門）", "The category won (the category entered when not selected)",
                "地域課題解決プロジェクト参画", "Taking part in regional problem-solving projects"),
            V("results_url", "結果公表ページ（/award/{年}）のリンク", "Link to the results page (/award/{year})", "https://desk.example.jp/award/2026"),
        ]),
        // Not a mail: the text of the public page /privacy (first line = its heading; "## " starts a section), kept here
        // so admins edit it with the other templates. Linked from every form and the footer.
        new(PrivacyPolicyKind, "個人情報の取扱い（/privacy に表示するページ。1 行目が見出し、「## 」で始まる行が小見出し）",
            "Privacy policy (the page shown at /privacy; the first line is its heading, a line starting with \"## \" a section heading)",
            Essential: false, Internal: false,
        [
            V("desk_email", "開示等の請求・お問い合わせ先のメールアドレス（送信元アドレス）", "Where disclosure requests and questions go (the desk's sender address)",
                "desk@consultdesk.example.jp"),
            PublicBaseUrl,
        ]),
    ];

    /// <summary>The privacy policy page's text (a page, not a mail; see its entry).</summary>
    public const string PrivacyPolicyKind = "privacy-policy";

    public static TemplateEntry? Find(string? name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
