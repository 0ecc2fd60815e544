using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;

namespace ConsultDesk.Bench;

/// <summary>One generated case with what the database rows beside it need.</summary>
public sealed record SeededCase(Case Case, CaseSearchDocument Search, int Milestones);

/// <summary>
/// Realistic cases built through the domain itself (Case.Submit, Claim, RecordReply, TransitionTo), so the stored
/// columns, due dates on the real business calendar and timeline JSON are exactly what the app would have written.
/// Submissions are spread evenly from 2023-04 to 2026-11; older cases are mostly finished, recent ones mostly open.
/// </summary>
public sealed class CaseFactory(int count, IReadOnlyList<Guid> consultants, int seed = 42)
{
    private static readonly DateTime Start = new(2023, 4, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
    /// <summary>The "now" of the generated history: every event happens before it.</summary>
    public static readonly DateTime Now = new(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);

    private static readonly (string Kanji, string Kana)[] Family =
    [
        ("髙橋", "タカハシ"), ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("田中", "タナカ"), ("伊藤", "イトウ"), ("渡辺", "ワタナベ"), ("山本", "ヤマモト"),
        ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"), ("佐々木", "ササキ"), ("山口", "ヤマグチ"),
        ("松本", "マツモト"), ("井上", "イノウエ"), ("木村", "キムラ"), ("林", "ハヤシ"), ("斎藤", "サイトウ"), ("清水", "シミズ"), ("𠮷田", "ヨシダ"),
        ("長谷川", "ハセガワ"), ("石川", "イシカワ"), ("前田", "マエダ"), ("藤原", "フジワラ"), ("岡田", "オカダ"), ("後藤", "ゴトウ"), ("近藤", "コンドウ"),
    ];
    private static readonly (string Kanji, string Kana)[] Given =
    [
        ("一郎", "イチロウ"), ("花子", "ハナコ"), ("𠮷子", "ヨシコ"), ("健太", "ケンタ"), ("美咲", "ミサキ"), ("大輔", "ダイスケ"), ("陽菜", "ヒナ"),
        ("翔", "ショウ"), ("直樹", "ナオキ"), ("由美", "ユミ"), ("拓也", "タクヤ"), ("恵子", "ケイコ"), ("誠", "マコト"), ("さくら", "サクラ"),
    ];
    private static readonly (string Name, string Kana)[] Companies =
    [
        ("株式会社サンプル", "サンプル"), ("合同会社テレワーク研究所", "テレワークケンキュウジョ"), ("株式会社みらいワークス", "ミライワークス"),
        ("有限会社ふるさと商事", "フルサトショウジ"), ("株式会社デジタル田園", "デジタルデンエン"), ("一般社団法人地域共創ネット", "チイキキョウソウネット"),
        ("株式会社ワーケーションラボ", "ワーケーションラボ"), ("㈱ソフトウェア工房", "ソフトウェアコウボウ"), ("株式会社北海技研", "ホッカイギケン"),
        ("株式会社瀬戸内ロジスティクス", "セトウチロジスティクス"), ("株式会社クラウド会計", "クラウドカイケイ"), ("株式会社ひなたデザイン", "ヒナタデザイン"),
    ];
    private static readonly (string City, string Prefecture)[] Cities =
    [
        ("札幌市", "01"), ("函館市", "01"), ("青森市", "02"), ("秋田市", "05"), ("南相馬市", "07"), ("みなかみ町", "10"), ("千代田区", "13"),
        ("千曲市", "20"), ("富士市", "22"), ("松江市", "32"), ("神山町", "36"), ("高知市", "39"), ("五島市", "42"), ("那覇市", "47"),
    ];
    private static readonly string[] Departments = ["企画政策課", "地域振興課", "まちづくり政策局", "産業振興部", "総務部", "人事部", "経営企画室"];
    private static readonly string[] Industries = ["A", "D", "E", "G", "H", "I", "K", "L", "M", "P", "R"];
    private static readonly Dictionary<string, string[]> SubjectsByTopic = new(StringComparer.Ordinal)
    {
        [Topic.SatelliteOffice] = ["サテライトオフィス誘致のご相談", "サテライトオフィス開設の候補地について", "空き校舎をサテライトオフィスに"],
        [Topic.Subsidies] = ["交付金の活用方法", "デジタル田園都市国家構想交付金の申請", "補助金の対象経費について"],
        [Topic.Matching] = ["企業とのマッチング希望", "進出企業の紹介をお願いしたい"],
        [Topic.Relocation] = ["移住とテレワークの両立", "地方移住後の働き方"],
        [Topic.Workation] = ["ワーケーションの受け入れ", "ワーケーション制度の導入"],
        [Topic.TeleworkRules] = ["社内テレワーク規程の整備について", "在宅勤務規程の雛形"],
        [Topic.LabourManagement] = ["労務管理の相談", "テレワーク時の勤怠管理"],
        [Topic.IctSecurity] = ["セキュリティ対策の進め方", "VPNとゼロトラストの選び方"],
        [Topic.OfficeSearch] = ["進出先自治体の支援制度", "地方拠点の物件探し"],
        [Topic.ActionDeclaration] = ["Action宣言の手続き", "テレワーク宣言の登録方法"],
        [Topic.Other] = ["その他のお問い合わせ", "セミナー資料について"],
    };
    private static readonly string[] Sentences =
    [
        "現在、社内で検討を進めております。", "来年度の予算要求に向けて情報を集めています。", "他の自治体の事例があれば教えてください。",
        "オンラインでの面談を希望します。", "資料を添付しますのでご確認ください。", "①費用、②期間、③体制について伺いたいです。",
        "従業員は本社と支社を合わせて約百二十名です。", "首都圏からの移住希望者が増えています。", "回線速度やコワーキングスペースの状況も知りたいです。",
        "昨年度の説明会にも参加しました。", "議会への説明資料を作成する必要があります。", "テレワークの導入は初めてです。",
    ];

    private readonly Random random = new(seed);
    private readonly ServiceLevel sla = new(BusinessCalendar.LoadEmbedded(), 2, 20, TimeSpan.FromHours(4));
    private readonly Dictionary<int, long> sequenceByYear = [];

    public IReadOnlyDictionary<int, long> LastSequenceByYear => sequenceByYear;

    public SeededCase Create(int i)
    {
        var submitted = Start + (End - Start) * ((i + random.NextDouble()) / count);
        // Most inquiries arrive during the Japanese working day.
        if (random.NextDouble() < 0.8) submitted = submitted.Date.AddHours(random.Next(0, 9)).AddMinutes(random.Next(60)).AddSeconds(random.NextDouble() * 60);
        var year = ReferenceNumber.JapanYear(submitted);
        var sequence = sequenceByYear[year] = sequenceByYear.GetValueOrDefault(year) + 1;
        var reference = ReferenceNumber.Format(year, sequence);

        var type = Pick([(InquirerType.Municipality, 30), (InquirerType.Company, 40), (InquirerType.Worker, 20), (InquirerType.Other, 10)]);
        var family = Family[random.Next(Family.Length)];
        var given = Given[random.Next(Given.Length)];
        var suggested = Topic.SuggestedFor(type);
        var topics = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => suggested[random.Next(suggested.Count)]).Distinct(StringComparer.Ordinal).ToList();
        var subjects = SubjectsByTopic[topics[0]];
        var subject = subjects[random.Next(subjects.Length)];
        string? organization = null, organizationKana = null, department = null, industry = null;
        int? employees = null;
        var prefecture = $"{random.Next(1, 48):D2}";
        switch (type)
        {
            case InquirerType.Municipality:
                var city = Cities[random.Next(Cities.Length)];
                (organization, prefecture) = (city.City, city.Prefecture);
                department = Departments[random.Next(3)];
                break;
            case InquirerType.Company:
                var company = Companies[random.Next(Companies.Length)];
                (organization, organizationKana) = company;
                department = Departments[3 + random.Next(Departments.Length - 3)];
                industry = Industries[random.Next(Industries.Length)];
                employees = random.Next(3, 3000);
                break;
        }
        var message = $"{organization ?? ""}の{family.Kanji}と申します。{subject}についてご相談させてください。"
            + string.Concat(Enumerable.Range(0, 2 + random.Next(4)).Select(_ => Sentences[random.Next(Sentences.Length)]))
            + (random.NextDouble() < 0.002 ? "量子暗号通信を使った回線の安全性も気になっています。" : "")
            + "\nよろしくお願いいたします。";
        var inquiry = new Inquiry
        {
            InquirerType = type, OrganizationName = organization, OrganizationNameKana = organizationKana, Department = department,
            Industry = industry, Employees = employees, FamilyName = family.Kanji, GivenName = given.Kanji,
            FamilyNameKana = family.Kana, GivenNameKana = given.Kana, Email = $"inquirer{i:D7}@example.jp",
            Phone = random.NextDouble() < 0.6 ? $"0{random.Next(10, 99)}-{random.Next(100, 999)}-{random.Next(1000, 9999)}" : null,
            Title = type == InquirerType.Municipality ? "主査" : null, PrefectureCode = prefecture, Topics = topics,
            PreferredChannel = Pick([(ContactChannel.Email, 50), (ContactChannel.OnlineMeeting, 30), (ContactChannel.Phone, 15), (ContactChannel.InPerson, 5)]),
            Language = random.NextDouble() < 0.97 ? InquiryLanguage.Ja : InquiryLanguage.En,
            Subject = subject, Message = message, PrivacyConsentAt = submitted,
        };
        var @case = Case.Submit(reference, inquiry, Pick([(IntakeSource.WebForm, 70), (IntakeSource.Email, 20), (IntakeSource.Api, 10)]), submitted, sla);
        var milestones = Live(@case, submitted);
        return new SeededCase(@case, CaseSearchDocument.For(@case), milestones);
    }

    /// <summary>Moves the case along a believable path to a final status that depends on its age.</summary>
    private int Live(Case @case, DateTime submitted)
    {
        var age = (Now - submitted).TotalDays;
        CaseStatus final = age switch
        {
            > 90 => Pick([(CaseStatus.Closed, 70), (CaseStatus.Resolved, 27), (CaseStatus.WaitingOnInquirer, 1), (CaseStatus.InSupport, 1), (CaseStatus.Matching, 1)]),
            > 30 => Pick([(CaseStatus.Closed, 40), (CaseStatus.Resolved, 30), (CaseStatus.InConsultation, 8), (CaseStatus.InSupport, 8), (CaseStatus.Matching, 4), (CaseStatus.WaitingOnInquirer, 5), (CaseStatus.Triaged, 5)]),
            _ => Pick([(CaseStatus.New, 20), (CaseStatus.Triaged, 15), (CaseStatus.InConsultation, 20), (CaseStatus.InSupport, 10), (CaseStatus.Matching, 5), (CaseStatus.WaitingOnInquirer, 10), (CaseStatus.Resolved, 15), (CaseStatus.Closed, 5)]),
        };
        var milestones = 0;
        var t = submitted;
        // Spread the remaining steps over the time left before "now".
        var room = Now - submitted;
        // Claim and first reply come within hours (most meet the two-business-day SLA); later steps take days.
        DateTime Next(double maxFraction, int maxMinutes = 60 * 24 * 6)
        {
            var step = TimeSpan.FromMinutes(random.Next(5, maxMinutes));
            var cap = room * maxFraction;
            if (step > cap) step = cap * random.NextDouble();
            t = t + step + TimeSpan.FromSeconds(1);
            return t;
        }
        var consultant = consultants.Count > 0 ? consultants[random.Next(consultants.Count)] : (Guid?)null;
        if (final == CaseStatus.New)
        {
            if (consultant is { } taker && random.NextDouble() < 0.3) @case.Claim(taker, Next(0.1, 600));
            return 0;
        }
        var actor = consultant ?? Guid.Empty;
        if (consultant is { } owner) @case.Claim(owner, Next(0.05, 600));
        if (final == CaseStatus.Closed && random.NextDouble() < 0.1)
        {
            // Spam, withdrawals and duplicates are closed straight from intake.
            @case.TransitionTo(CaseStatus.Closed, Pick([(CloseReason.Spam, 4), (CloseReason.Withdrawn, 4), (CloseReason.Duplicate, 2)]), null, actor, Next(0.1), sla);
            return 0;
        }
        @case.TransitionTo(CaseStatus.Triaged, null, null, actor, Next(0.05, 600), sla);
        if (final == CaseStatus.Triaged) return 0;
        @case.RecordReply(Guid.CreateVersion7(t), "【地方創生テレワーク相談窓口】ご相談について", "ご相談ありがとうございます。担当よりご連絡いたします。", actor, Next(0.1, random.NextDouble() < 0.85 ? 1800 : 60 * 24 * 5));

        var path = final switch
        {
            CaseStatus.InConsultation => [CaseStatus.InConsultation],
            CaseStatus.InSupport => [CaseStatus.InConsultation, CaseStatus.InSupport],
            CaseStatus.Matching => [CaseStatus.InConsultation, CaseStatus.Matching],
            CaseStatus.WaitingOnInquirer => [CaseStatus.InConsultation, CaseStatus.WaitingOnInquirer],
            CaseStatus.Resolved => Finished(),
            _ => random.NextDouble() < 0.06 ? [CaseStatus.InConsultation, CaseStatus.WaitingOnInquirer] : [.. Finished()],
        };
        CaseStatus[] Finished() => random.Next(4) switch
        {
            0 => [CaseStatus.Resolved],
            1 => [CaseStatus.InConsultation, CaseStatus.Resolved],
            2 => [CaseStatus.InConsultation, CaseStatus.InSupport, CaseStatus.Resolved],
            _ => [CaseStatus.InConsultation, CaseStatus.InSupport, CaseStatus.Matching, CaseStatus.Resolved],
        };
        foreach (var status in path)
        {
            @case.TransitionTo(status, null, null, actor, Next(0.15), sla);
            milestones |= Milestone.Of(status);
        }
        if (path[^1] == CaseStatus.Resolved && (milestones & Milestone.Matching) != 0 && random.NextDouble() < 0.5)
            milestones |= Milestone.MatchConcluded;
        if (final == CaseStatus.Closed)
            @case.TransitionTo(CaseStatus.Closed, @case.Status == CaseStatus.WaitingOnInquirer ? CloseReason.NoResponse : CloseReason.Completed, null, actor, Next(0.3), sla);
        return milestones;
    }

    private T Pick<T>(ReadOnlySpan<(T Value, int Weight)> choices)
    {
        var total = 0;
        foreach (var choice in choices) total += choice.Weight;
        var roll = random.Next(total);
        foreach (var choice in choices)
        {
            if (roll < choice.Weight) return choice.Value;
            roll -= choice.Weight;
        }
        return choices[^1].Value;
    }
}

/// <summary>The funnel bits of the reporting table: the stages a case has ever reached.</summary>
public static class Milestone
{
    public const int Consultation = 1;
    public const int Support = 2;
    public const int Matching = 4;
    public const int MatchConcluded = 8;

    public static int Of(CaseStatus status) => status switch
    {
        CaseStatus.InConsultation => Consultation,
        CaseStatus.InSupport => Support,
        CaseStatus.Matching => Matching,
        _ => 0,
    };
}
