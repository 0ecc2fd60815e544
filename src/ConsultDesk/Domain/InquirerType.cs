namespace ConsultDesk.Domain;

/// <summary>Who is asking: the party an inquiry comes from.</summary>
public enum InquirerType
{
    Municipality,
    Company,
    Worker,
    Other,
}

public enum ContactChannel
{
    Phone,
    OnlineMeeting,
    Email,
    InPerson,
}

public enum InquiryLanguage
{
    Ja,
    En,
}

public enum IntakeSource
{
    Api,
    WebForm,
    Email,
}
