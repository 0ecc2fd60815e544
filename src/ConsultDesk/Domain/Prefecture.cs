namespace ConsultDesk.Domain;

/// <summary>The 47 prefectures by JIS X 0401 code, with their region for matching and reports.</summary>
public sealed record Prefecture(string Code, string Name, string NameEn, string Region)
{
    public static readonly IReadOnlyList<Prefecture> All =
    [
        new("01", "北海道", "Hokkaido", "hokkaido"),
        new("02", "青森県", "Aomori", "tohoku"), new("03", "岩手県", "Iwate", "tohoku"),
        new("04", "宮城県", "Miyagi", "tohoku"), new("05", "秋田県", "Akita", "tohoku"),
        new("06", "山形県", "Yamagata", "tohoku"), new("07", "福島県", "Fukushima", "tohoku"),
        new("08", "茨城県", "Ibaraki", "kanto"), new("09", "栃木県", "Tochigi", "kanto"),
        new("10", "群馬県", "Gunma", "kanto"), new("11", "埼玉県", "Saitama", "kanto"),
        new("12", "千葉県", "Chiba", "kanto"), new("13", "東京都", "Tokyo", "kanto"),
        new("14", "神奈川県", "Kanagawa", "kanto"),
        new("15", "新潟県", "Niigata", "chubu"), new("16", "富山県", "Toyama", "chubu"),
        new("17", "石川県", "Ishikawa", "chubu"), new("18", "福井県", "Fukui", "chubu"),
        new("19", "山梨県", "Yamanashi", "chubu"), new("20", "長野県", "Nagano", "chubu"),
        new("21", "岐阜県", "Gifu", "chubu"), new("22", "静岡県", "Shizuoka", "chubu"),
        new("23", "愛知県", "Aichi", "chubu"),
        new("24", "三重県", "Mie", "kinki"), new("25", "滋賀県", "Shiga", "kinki"),
        new("26", "京都府", "Kyoto", "kinki"), new("27", "大阪府", "Osaka", "kinki"),
        new("28", "兵庫県", "Hyogo", "kinki"), new("29", "奈良県", "Nara", "kinki"),
        new("30", "和歌山県", "Wakayama", "kinki"),
        new("31", "鳥取県", "Tottori", "chugoku"), new("32", "島根県", "Shimane", "chugoku"),
        new("33", "岡山県", "Okayama", "chugoku"), new("34", "広島県", "Hiroshima", "chugoku"),
        new("35", "山口県", "Yamaguchi", "chugoku"),
        new("36", "徳島県", "Tokushima", "shikoku"), new("37", "香川県", "Kagawa", "shikoku"),
        new("38", "愛媛県", "Ehime", "shikoku"), new("39", "高知県", "Kochi", "shikoku"),
        new("40", "福岡県", "Fukuoka", "kyushu-okinawa"), new("41", "佐賀県", "Saga", "kyushu-okinawa"),
        new("42", "長崎県", "Nagasaki", "kyushu-okinawa"), new("43", "熊本県", "Kumamoto", "kyushu-okinawa"),
        new("44", "大分県", "Oita", "kyushu-okinawa"), new("45", "宮崎県", "Miyazaki", "kyushu-okinawa"),
        new("46", "鹿児島県", "Kagoshima", "kyushu-okinawa"), new("47", "沖縄県", "Okinawa", "kyushu-okinawa"),
    ];

    private static readonly Dictionary<string, Prefecture> ByCode = All.ToDictionary(p => p.Code, StringComparer.Ordinal);

    public static bool IsValidCode(string? code) => code is not null && ByCode.ContainsKey(code);

    public static Prefecture? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var p) ? p : null;
}
