using System.Globalization;
using ConsultDesk.Resources;

namespace ConsultDesk.Domain;

/// <summary>
/// A resource text in a reader's language chosen by the caller (a mail goes in the inquirer's language, whatever the
/// current UI culture is): Japanese is the neutral resource, English the satellite.
/// </summary>
public static class LocalizedText
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja");

    public static string Get(string name, bool english) =>
        Texts.ResourceManager.GetString(name, english ? English : Japanese) ?? name;
}

/// <summary>Japanese and English names of topics, shown in forms and mails (from the resources).</summary>
public static class TopicNames
{
    public static string Name(string slug, bool english) =>
        Topic.All.Contains(slug, StringComparer.Ordinal) ? LocalizedText.Get("Topic_" + slug.Replace('-', '_'), english) : slug;
}

public static class ChannelNames
{
    public static string Name(ContactChannel channel, bool english) => channel switch
    {
        ContactChannel.Phone or ContactChannel.OnlineMeeting or ContactChannel.Email or ContactChannel.InPerson =>
            LocalizedText.Get("Channel" + channel, english),
        _ => channel.ToString(),
    };
}

public static class InquirerTypeNames
{
    public static string Name(InquirerType type, bool english) => type switch
    {
        InquirerType.Municipality or InquirerType.Company or InquirerType.Worker => LocalizedText.Get("InquirerType" + type, english),
        _ => LocalizedText.Get("InquirerTypeOther", english),
    };
}

public static class ConsultationChannelNames
{
    public static string Name(ConsultationChannel channel, bool english) => channel switch
    {
        ConsultationChannel.Phone or ConsultationChannel.OnlineMeeting => LocalizedText.Get("Channel" + channel, english),
        _ => LocalizedText.Get("ChannelInPerson", english),
    };
}
