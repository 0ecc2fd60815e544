using ConsultDesk.Common;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConsultDesk.Mail;

/// <summary>Where mail goes. A session is one connection (or one folder) reused for a whole batch.</summary>
public interface IMailTransport
{
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Writes each message as an .eml file named after its Message-ID, so resending a message replaces its file
/// instead of adding a second one. Files appear atomically (written aside, then moved).
/// </summary>
public sealed class PickupMailTransport(string directory) : IMailTransport, IMailSession
{
    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        return Task.FromResult<IMailSession>(this);
    }

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var name = string.Concat((message.MessageId ?? throw new InvalidOperationException("Outbox mail without Message-ID.")).Split(Path.GetInvalidFileNameChars().Append('@').ToArray()));
        var path = Path.Combine(directory, name + ".eml");
        var temp = path + ".tmp";
        await using (var stream = File.Create(temp))
            await message.WriteToAsync(FormatOptions.Default, stream, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed class SmtpMailTransport(IOptions<ConsultDeskOptions> options) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value.Mail.Smtp;
        var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            var security = smtp.Security switch
            {
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            return new Session(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
            client.SendAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (client.IsConnected)
            {
                try
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
                catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or OperationCanceledException)
                {
                    // The messages were already accepted; a failed QUIT changes nothing about them.
                }
            }
            client.Dispose();
        }
    }
}
