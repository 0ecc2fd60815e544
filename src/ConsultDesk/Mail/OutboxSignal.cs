namespace ConsultDesk.Mail;

/// <summary>Tells the background dispatcher that committed outbox rows are waiting. Best effort: the sweep covers a lost signal.</summary>
public interface IOutboxSignal
{
    void MailQueued();
}
