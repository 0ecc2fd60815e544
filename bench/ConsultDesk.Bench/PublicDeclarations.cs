using System.Diagnostics;
using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.LocalGovernments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ConsultDesk.Bench;

/// <summary>
/// The public Action宣言 list at scale. <c>declarations-seed</c> bulk-loads accepted declarations built through the
/// domain itself (Submit → Confirm → Accept, so every column is what the app writes; the columns come from the EF model)
/// with their versions, public item rows and search documents, and sets the number sequence.
/// <c>declarations-http</c> measures GET /api/v1/public/declarations over a mix of no filter, a prefecture, an item and
/// Japanese partial words, following up to 2 keyset pages.
/// </summary>
public static class PublicDeclarations
{
    private const int BatchSize = 10_000;
    private static readonly string[] Tables = ["Declarations", "DeclarationVersions", "DeclarationPublicItems", "DeclarationSearchDocuments"];

    private static readonly string[] NameHeads = ["北海", "東和", "みらい", "さくら", "テレワーク", "サテライト", "ふるさと", "日本", "中央", "山陰", "瀬戸内", "九州", "函館", "信州", "あおば", "グリーン", "ひかり", "大和", "ミナト", "はやぶさ"];
    private static readonly string[] NameTails = ["商事", "工業", "システム", "ソリューションズ", "建設", "物産", "製作所", "ホールディングス", "デザイン", "ラボ", "観光", "食品", "運輸", "メディカル", "ネットワークス"];
    private static readonly string[] Legal = ["株式会社", "合同会社", "一般社団法人", "有限会社"];
    private static readonly string[] Kana = ["ホッカイ", "トウワ", "ミライ", "サクラ", "テレワーク", "サテライト", "フルサト", "ニホン", "チュウオウ", "サンイン", "セトウチ", "キュウシュウ", "ハコダテ", "シンシュウ", "アオバ", "グリーン", "ヒカリ", "ヤマト", "ミナト", "ハヤブサ"];
    private static readonly string[] Phrases =
    [
        "全社員を対象にテレワーク勤務制度を導入し、", "地方の拠点でサテライトオフィスを活用し、", "ワーケーション休暇を年二回まで認め、",
        "地元の大学と連携して地方人材を採用し、", "副業人材を受け入れて地域プロジェクトに参加し、", "函館の拠点で顧客対応を行い、",
        "育児や介護と両立できる働き方を整え、", "移住した社員に住宅手当を支給し、", "オンライン研修で若手を育成し、",
        "量子暗号の研究開発を地方で進め、", "自治体の交付金を活用して拠点を整備し、", "地域の祭りや清掃活動に社員が参加し、",
    ];
    private static readonly string[] Endings = ["離職率を下げます。", "採用の幅を広げます。", "地域に貢献します。", "生産性を高めます。"];

    public static async Task SeedAsync(Arguments arguments)
    {
        var provider = arguments.Get("provider", "sqlite");
        var connectionString = arguments.Get("connection", "");
        var count = arguments.GetInt("count", 100_000);
        var watch = Stopwatch.StartNew();

        var options = new DbContextOptionsBuilder<ConsultDeskDbContext>();
        DatabaseSetup.Configure(options, provider == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, connectionString);
        await using var model = new ConsultDeskDbContext(options.Options);
        var columns = Tables.ToDictionary(t => t, t => ColumnsOf(model, t));

        var places = LocalGovernmentDirectory.LoadEmbedded().MunicipalitiesOn(new DateOnly(2026, 12, 1)).ToLookup(m => m.PrefectureCode);
        var random = new Random(14);
        await using var sink = await Seeder.OpenSinkAsync(provider, connectionString);
        var indexes = await sink.DropSecondaryIndexesAsync(Tables);
        var start = new DateTime(2021, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var step = (new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc) - start) / count;
        for (var first = 1; first <= count; first += BatchSize)
        {
            var rows = Tables.ToDictionary(t => t, _ => new List<object?[]>());
            for (var number = first; number < first + BatchSize && number <= count; number++)
            {
                var at = start + step * number;
                var content = Content(random, places, number);
                var (declaration, version, _) = Declaration.Submit(content, at, "bench");
                declaration.Confirm(at);
                declaration.Accept(version, number, Guid.Empty, at.AddDays(5));
                rows["Declarations"].Add(Values(columns["Declarations"], declaration));
                rows["DeclarationVersions"].Add(Values(columns["DeclarationVersions"], version));
                foreach (var c in content.Commitments)
                    rows["DeclarationPublicItems"].Add(Values(columns["DeclarationPublicItems"], new DeclarationPublicItem { DeclarationId = declaration.Id, ItemCode = c.ItemCode, Number = number }));
                rows["DeclarationSearchDocuments"].Add(Values(columns["DeclarationSearchDocuments"], DeclarationSearchDocument.For(number, declaration.Id, content)));
            }
            await sink.WriteAsync([.. Tables.Select(t => new Seeder.TableRows(t, [.. columns[t].Select(c => c.Column)], rows[t]))]);
        }
        var loaded = watch.Elapsed;
        await sink.RestoreIndexesAsync(indexes);
        await sink.AnalyzeAsync();
        await model.Database.ExecuteSqlRawAsync(
            """INSERT INTO "DeclarationNumberSequences" ("Id", "LastValue") VALUES (1, {0}) ON CONFLICT ("Id") DO UPDATE SET "LastValue" = excluded."LastValue" """, count);
        Console.WriteLine($"seeded {count} accepted declarations into {provider} in {watch.Elapsed.TotalSeconds:F1} s (load {loaded.TotalSeconds:F1} s)");
        Results.Write(arguments, $"public declarations seed time ({count.ToString("N0", CultureInfo.InvariantCulture)})", watch.Elapsed.TotalSeconds, "s", new { count });
    }

    private static DeclarationContent Content(Random random, ILookup<string, LocalGovernment> places, int number)
    {
        // Weighted towards the big prefectures, as real declarants are.
        var prefecture = random.NextDouble() < 0.3 ? "13" : random.NextDouble() < 0.2 ? "27" : Prefecture.All[random.Next(Prefecture.All.Count)].Code;
        var municipalities = places[prefecture].ToList();
        var head = random.Next(NameHeads.Length);
        var items = new[] { "1", "2", "3", "4", "5" }.Where((_, i) => random.NextDouble() < (i == 0 ? 0.6 : 0.3)).ToList();
        if (items.Count == 0) items.Add("1");
        return new DeclarationContent
        {
            OrganizationName = $"{Legal[random.Next(Legal.Length)]}{NameHeads[head]}{NameTails[random.Next(NameTails.Length)]}{number % 97}",
            OrganizationNameKana = Kana[head],
            CorporateNumber = CorporateNumber.WithCheckDigit($"1{number:D11}"),
            PostalCode = "1000014",
            PrefectureCode = prefecture,
            LocalGovernmentCode = municipalities.Count > 0 ? municipalities[random.Next(municipalities.Count)].Code : "131016",
            Street = "1-1-1",
            Industry = Industry.Divisions[random.Next(Industry.Divisions.Count)].Code,
            Employees = (int)Math.Exp(random.NextDouble() * 8),
            Website = $"https://example{number}.jp/",
            RepresentativeName = "代表 太郎",
            RepresentativeTitle = "代表取締役",
            ContactFamilyName = "担当",
            ContactGivenName = "花子",
            ContactFamilyNameKana = "タントウ",
            ContactGivenNameKana = "ハナコ",
            ContactEmail = $"sengen{number}@example.jp",
            ContactPhone = "0312345678",
            Commitments = [.. items.Select(code => new DeclarationCommitment(code,
                Phrases[random.Next(Phrases.Length)] + Phrases[random.Next(Phrases.Length)] + Endings[random.Next(Endings.Length)]))],
            Agreements = ["purpose", "publication", "antisocial-forces", "privacy"],
        };
    }

    private static List<(string Column, IProperty Property)> ColumnsOf(ConsultDeskDbContext db, string table)
    {
        var entity = db.Model.GetEntityTypes().Single(e => e.GetTableName() == table);
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        return [.. entity.GetProperties().Where(p => !p.IsShadowProperty()).Select(p => (p.GetColumnName(store)!, p))];
    }

    private static object?[] Values(List<(string Column, IProperty Property)> columns, object entity) =>
        [.. columns.Select(c =>
        {
            var value = c.Property.GetGetter().GetClrValue(entity);
            return value is not null && c.Property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;
        })];

    public static async Task HttpAsync(Arguments arguments)
    {
        var seconds = arguments.GetInt("duration", 20);
        var readers = arguments.GetInt("read-clients", 2);
        var count = arguments.GetInt("count", 100_000);
        using var client = new HttpClient { BaseAddress = new Uri(arguments.Get("base-url", "")) };
        string[] queries =
        [
            "", "prefectureCode=13", "prefectureCode=32", "item=4", "item=1&prefectureCode=27",
            "q=" + Uri.EscapeDataString("サテライト"), "q=" + Uri.EscapeDataString("函館"), "q=" + Uri.EscapeDataString("量子暗号"),
            "q=" + Uri.EscapeDataString("商事"), "industry=G&size=small",
        ];
        await HttpLoad.ReadPhaseAsync(arguments, client, $"public declaration list ({count.ToString("N0", CultureInfo.InvariantCulture)})", readers, seconds,
            [.. queries.Select(q => (Func<Random, string>)(_ => "/api/v1/public/declarations" + (q.Length == 0 ? "" : "?" + q)))], pages: 2);
    }
}
