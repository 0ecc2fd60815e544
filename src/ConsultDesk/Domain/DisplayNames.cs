namespace ConsultDesk.Domain;

/// <summary>Japanese and English names of topics, shown in forms and mails.</summary>
public static class TopicNames
{
    private static readonly Dictionary<string, (string Ja, string En)> Names = new(StringComparer.Ordinal)
    {
        [Topic.SatelliteOffice] = ("サテライトオフィスの整備・誘致", "Satellite offices"),
        [Topic.Subsidies] = ("交付金・補助制度", "Grants and subsidies"),
        [Topic.Matching] = ("企業と自治体のマッチング", "Matching companies and municipalities"),
        [Topic.Relocation] = ("移住・関係人口", "Relocation"),
        [Topic.Workation] = ("ワーケーション", "Workation"),
        [Topic.TeleworkRules] = ("社内テレワーク規程・就業規則", "In-house telework rules"),
        [Topic.LabourManagement] = ("労務管理", "Labour management"),
        [Topic.IctSecurity] = ("ICT・セキュリティ", "ICT and security"),
        [Topic.OfficeSearch] = ("サテライトオフィス候補地探し", "Finding an office location"),
        [Topic.ActionDeclaration] = ("Action宣言・アワード", "Action declaration and award"),
        [Topic.Other] = ("その他", "Other"),
    };

    public static string Name(string slug, bool english) =>
        Names.TryGetValue(slug, out var name) ? (english ? name.En : name.Ja) : slug;
}

public static class ChannelNames
{
    public static string Name(ContactChannel channel, bool english) => channel switch
    {
        ContactChannel.Phone => english ? "Phone" : "電話",
        ContactChannel.OnlineMeeting => english ? "Online meeting" : "オンライン会議",
        ContactChannel.Email => english ? "Email" : "メール",
        ContactChannel.InPerson => english ? "In person" : "対面",
        _ => channel.ToString(),
    };
}

public static class InquirerTypeNames
{
    public static string Name(InquirerType type, bool english) => type switch
    {
        InquirerType.Municipality => english ? "Municipality" : "自治体",
        InquirerType.Company => english ? "Company" : "企業",
        InquirerType.Worker => english ? "Worker" : "働き手",
        _ => english ? "Other" : "その他",
    };
}
