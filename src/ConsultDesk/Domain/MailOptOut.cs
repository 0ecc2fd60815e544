namespace ConsultDesk.Domain;

public enum OptOutChannel
{
    Portal,
    OneClick,
    Mail,
}

/// <summary>
/// An inquirer's address that asked for no more non-essential mail (reminders, surveys). Keyed by the address,
/// so it holds for every case of that inquirer; essential mail (acknowledgements, replies, closing notices) still goes.
/// </summary>
public sealed class MailOptOut
{
    private MailOptOut() { }

    public string EmailNormalized { get; private set; } = "";
    public Guid? CaseId { get; private set; }
    public OptOutChannel Channel { get; private set; }
    public DateTime OptedOutAt { get; private set; }

    public static MailOptOut For(Case @case, OptOutChannel channel, DateTime nowUtc) => new()
    {
        EmailNormalized = @case.EmailNormalized,
        CaseId = @case.Id,
        Channel = channel,
        OptedOutAt = nowUtc,
    };
}
