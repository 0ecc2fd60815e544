namespace ConsultDesk.Domain;

/// <summary>The desk's standard support, as checklists a consultant can start a task from.</summary>
public static class ChecklistTemplates
{
    public sealed record Template(string Key, string Title, IReadOnlyList<string> Items);

    public static readonly IReadOnlyList<Template> All =
    [
        new("telework-rules", "社内テレワーク規程の整備",
        [
            "対象者・対象業務の範囲を定める",
            "就業場所（自宅・サテライトオフィス等）の定義を定める",
            "労働時間管理（始業・終業の記録、中抜け、事業場外みなし労働時間制の要否）を定める",
            "通信費・光熱費・機器の費用負担を定める",
            "情報セキュリティ・個人情報の取扱いを定める",
            "人事評価・コミュニケーションの方法を定める",
            "就業規則との関係を整理し、労働基準監督署への届出を確認する",
        ]),
        new("security-checklist", "テレワークセキュリティ チェックリスト",
        [
            "端末のOS・ソフトウェアを最新の状態に保つ運用がある",
            "端末の画面ロック・ディスク暗号化を設定している",
            "多要素認証を業務システムとクラウドサービスに設定している",
            "社外からの接続はVPN等の安全な経路に限定している",
            "公衆Wi-Fiの利用ルールを定めている",
            "紛失・盗難時の連絡と遠隔消去の手順がある",
            "インシデント発生時の報告先と手順を周知している",
        ]),
        new("satellite-office-selection", "サテライトオフィス選定",
        [
            "必要な席数・個室・会議室の条件を整理する",
            "通信環境（回線速度・冗長性）の要件を確認する",
            "候補地の自治体の支援制度（補助金・税制・住宅）を確認する",
            "東京からのアクセス時間と交通費を比較する",
            "現地視察・お試し勤務の日程を調整する",
            "自治体担当者との面談を設定する",
        ]),
    ];

    public static Template? Find(string? key) => All.FirstOrDefault(t => t.Key == key);
}
