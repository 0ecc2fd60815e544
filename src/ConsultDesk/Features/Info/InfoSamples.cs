using ConsultDesk.Domain.Info;

namespace ConsultDesk.Features.Info;

/// <summary>
/// The content a new portal starts with (loaded when <c>Info:SeedSampleContent</c> is on and the portal is empty). The
/// measures and guidelines are real ones the programme lists, described in our own words; the case studies were
/// written for the project about the sample municipality profiles. Every item is marked as sample data: editors check
/// each link and "as of" date against the ministry's page, then edit or unpublish it.
/// </summary>
public static class InfoSamples
{
    private static readonly DateOnly AsOf = new(2026, 12, 1);

    public static IReadOnlyList<(InfoKind Kind, string Slug, InfoContent Content)> Items() =>
    [
        (InfoKind.Policy, "mlit-telework-seminars", new InfoContent
        {
            Title = "テレワークの推進 セミナー・イベント（国土交通省）",
            TitleEn = "Promoting telework: seminars and events (MLIT)",
            Summary = "国土交通省が開催するテレワーク普及のためのセミナー・イベントの案内です。導入事例の紹介や、テレワーク人口実態調査の結果説明などがあります。",
            SummaryEn = "Seminars and events the Ministry of Land, Infrastructure, Transport and Tourism holds to spread telework, with adoption stories and survey results.",
            Body = "## 概要\n\n企業・団体や自治体の担当者向けに、テレワーク導入の進め方や事例を紹介するセミナー・イベントが開催されます。\n\n"
                + "開催日程・申込方法は[国土交通省のページ](https://www.mlit.go.jp/)で最新情報をご確認ください。\n\n"
                + "> この項目はサンプルデータです。リンク先と時点は編集者が確認してください。",
            Url = "https://www.mlit.go.jp/",
            AsOf = AsOf, Category = "seminar", Ministry = "mlit",
            Parties = ["municipality", "company"], Topics = ["telework-rules", "workation"], Prefectures = [InfoCodes.National],
        }),
        (InfoKind.Policy, "mlit-two-region-living-council", new InfoContent
        {
            Title = "全国二地域居住等促進協議会（国土交通省）",
            TitleEn = "National council for promoting two-region living (MLIT)",
            Summary = "二地域居住等に取り組む地方公共団体や関係団体が参加する協議会です。先進事例の共有や情報発信を行っています。",
            SummaryEn = "A council of local governments and organisations working on two-region living: shared practice and outreach.",
            Body = "## 対象\n\n二地域居住・関係人口の拡大に取り組む自治体、関係団体。\n\n## 内容\n\n- 先進事例の共有\n- 情報発信\n- 会員間の連携\n\n"
                + "> この項目はサンプルデータです。",
            Url = "https://www.mlit.go.jp/",
            AsOf = AsOf, Category = "relocation", Ministry = "mlit",
            Parties = ["municipality"], Topics = ["relocation", "satellite-office"], Prefectures = [InfoCodes.National],
        }),
        (InfoKind.Policy, "mhlw-telework-grant-sample", new InfoContent
        {
            Title = "テレワーク導入に関する助成金（厚生労働省）",
            TitleEn = "Grants for adopting telework (MHLW)",
            Summary = "テレワークを新たに導入・拡大する中小企業事業主が、就業規則の整備や機器の導入を行う場合の経費の一部を助成します。",
            SummaryEn = "Part of the cost of work rules and equipment for small and medium-sized employers who adopt or extend telework.",
            Body = "## 主な要件\n\n1. テレワークに関する就業規則等を整備すること\n2. 労務管理担当者への研修を行うこと\n\n"
                + "申請期間・金額は年度ごとに変わります。[厚生労働省のページ](https://www.mhlw.go.jp/)で確認してください。\n\n> この項目はサンプルデータです。",
            Url = "https://www.mhlw.go.jp/",
            AsOf = AsOf, Category = "telework-adoption", Ministry = "mhlw",
            Parties = ["company"], Topics = ["subsidies", "telework-rules", "labour-management"], Prefectures = [InfoCodes.National],
            ApplicationOpensOn = new DateOnly(2026, 4, 1), ApplicationClosesOn = new DateOnly(2027, 1, 31),
        }),
        (InfoKind.Policy, "mic-telework-security", new InfoContent
        {
            Title = "テレワークのセキュリティ対策（総務省）",
            TitleEn = "Telework security (MIC)",
            Summary = "総務省によるテレワークのセキュリティ対策の案内です。ガイドラインや中小企業向けのチェックリストがまとめられています。",
            SummaryEn = "The Ministry of Internal Affairs and Communications' telework security page: guidelines and a checklist for SMEs.",
            Body = "テレワークを安全に行うためのガイドライン・手引きは、[総務省 テレワークセキュリティ](https://www.soumu.go.jp/main_sosiki/cybersecurity/telework/)にまとめられています。\n\n> この項目はサンプルデータです。",
            Url = "https://www.soumu.go.jp/main_sosiki/cybersecurity/telework/",
            AsOf = AsOf, Category = "security", Ministry = "mic",
            Parties = ["company", "municipality"], Topics = ["ict-security"], Prefectures = [InfoCodes.National],
        }),
        (InfoKind.Guideline, "telework-security-guideline", new InfoContent
        {
            Title = "テレワークセキュリティガイドライン",
            TitleEn = "Telework Security Guideline",
            Summary = "テレワークを導入・運用する企業等が、情報セキュリティ対策を検討する際の考え方と対策をまとめたガイドラインです。",
            SummaryEn = "How organisations that adopt and run telework should think about and take information-security measures.",
            Body = "経営者、システム・セキュリティ管理者、テレワーク勤務者それぞれの立場で取るべき対策が整理されています。\n\n> この項目はサンプルデータです。",
            Url = "https://www.soumu.go.jp/main_sosiki/cybersecurity/telework/",
            AsOf = AsOf, Publisher = "総務省", Edition = "第5版", IssuedOn = new DateOnly(2021, 5, 31),
            Parties = ["company", "municipality"], Topics = ["ict-security"],
        }),
        (InfoKind.Guideline, "sme-telework-security-checklist", new InfoContent
        {
            Title = "中小企業等担当者向けテレワークセキュリティの手引き（チェックリスト）",
            TitleEn = "Telework security handbook for SMEs (checklist)",
            Summary = "専門の担当者がいない中小企業等でも、テレワークで最低限守るべきセキュリティ対策をチェックリストで確認できます。",
            SummaryEn = "A checklist of the minimum telework security measures for small organisations without specialist staff.",
            Body = "チェックリストの各項目に、設定手順の解説が付いています。\n\n> この項目はサンプルデータです。",
            Url = "https://www.soumu.go.jp/main_sosiki/cybersecurity/telework/",
            AsOf = AsOf, Publisher = "総務省", Edition = "第2版",
            Parties = ["company"], Topics = ["ict-security", "telework-rules"],
        }),
        (InfoKind.CaseStudy, "nasushiobara-satellite-office-sample", new InfoContent
        {
            Title = "駅前サテライトオフィスで首都圏企業の社員が常駐（サンプル事例）",
            TitleEn = "Tokyo-area staff based at a station satellite office (sample case study)",
            Summary = "新幹線駅前の遊休施設をサテライトオフィスに改修し、首都圏のIT企業3社が社員を常駐させた事例です。",
            SummaryEn = "An unused building by the bullet-train station became a satellite office where three Tokyo-area IT firms base staff.",
            Body = "## 取組の概要\n\n市が駅前の遊休施設を改修し、企業向けのサテライトオフィスとして貸し出しました。\n\n## 成果\n\n- 常駐社員 12名（うち移住 4名）\n- 地元高校とのプログラミング授業 年6回\n\n> この事例はプロジェクト用に作成したサンプルデータです。実在の自治体・企業の取組ではありません。",
            AsOf = AsOf, Parties = ["municipality"], Topics = ["satellite-office", "matching"], Prefectures = ["09"],
            MunicipalityCode = "092134", OrganizationName = "那須塩原市（サンプル）",
        }),
        (InfoKind.CaseStudy, "kamiyama-company-sample", new InfoContent
        {
            Title = "古民家オフィスで地方採用を進めた企業（サンプル事例）",
            TitleEn = "A company hiring locally from an old-house office (sample case study)",
            Summary = "首都圏のソフトウェア企業が古民家を改修したサテライトオフィスを開設し、地元出身者を5名採用した事例です。",
            SummaryEn = "A Tokyo software company opened a satellite office in a renovated old house and hired five local people.",
            Body = "## 取組の概要\n\n社員の希望者がテレワークで地方に住みながら働ける制度を整え、町の支援制度を活用してオフィスを開設しました。\n\n"
                + "## 成果\n\n- 地元採用 5名\n- 離職率の低下\n\n> この事例はプロジェクト用に作成したサンプルデータです。",
            AsOf = AsOf, Parties = ["company"], Topics = ["satellite-office", "telework-rules"], Prefectures = ["36"],
            MunicipalityCode = "363421", OrganizationName = "株式会社サンプルソフト",
        }),
        (InfoKind.CaseStudy, "worker-workation-sample", new InfoContent
        {
            Title = "会社員がワーケーションから二地域居住へ（サンプル事例）",
            TitleEn = "From workations to living in two regions (sample case study)",
            Summary = "首都圏の会社員が年数回のワーケーションをきっかけに、地域の活動に参加しながら二地域居住を始めた事例です。",
            SummaryEn = "An office worker whose workations led to a life in two regions and local projects.",
            Body = "## きっかけ\n\n会社のワーケーション制度を利用して滞在したことです。\n\n## 現在\n\n月の半分を町で過ごし、地域のプロジェクトに参加しています。\n\n> この事例はプロジェクト用に作成したサンプルデータです。",
            AsOf = AsOf, Parties = ["worker"], Topics = ["workation", "relocation"], Prefectures = ["20"],
            MunicipalityCode = "203211", OrganizationName = null,
        }),
        (InfoKind.News, "portal-opened", new InfoContent
        {
            Title = "情報提供ページを開設しました",
            TitleEn = "The information portal is open",
            Summary = "地方創生テレワークに関する施策・ガイドライン・取組事例をまとめて探せるページを開設しました。",
            SummaryEn = "One place to find telework measures, guidelines and case studies.",
            Body = "施策一覧、ガイドライン・マニュアル、取組事例を、分類・対象・地域で絞り込んで探せます。\n\n> このお知らせはサンプルデータです。",
            AsOf = AsOf,
        }),
    ];
}
