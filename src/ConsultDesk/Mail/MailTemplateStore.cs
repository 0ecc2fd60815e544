using ConsultDesk.Data;
using ConsultDesk.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConsultDesk.Mail;

/// <summary>An admin's version of a template as <see cref="MailTemplates"/> caches it.</summary>
public sealed record StoredTemplateSource(string Name, InquiryLanguage Language, string Source, int Version);

/// <summary>Where <see cref="MailTemplates"/> reads the admins' versions from.</summary>
public interface IMailTemplateStore
{
    /// <summary>
    /// All stored versions. Synchronous on purpose: rendering is synchronous, and this runs at most once per cache period.
    /// </summary>
    IReadOnlyList<StoredTemplateSource> LoadAll();

    Task<IReadOnlyList<StoredTemplateSource>> LoadAllAsync(CancellationToken cancellationToken);
}

/// <summary>Reads the <c>MailTemplates</c> table in a scope of its own (the cache is a singleton).</summary>
public sealed class DatabaseMailTemplateStore(IServiceScopeFactory scopes) : IMailTemplateStore
{
    public IReadOnlyList<StoredTemplateSource> LoadAll()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
        return db.MailTemplates
            .Select(t => new StoredTemplateSource(t.Name, t.Language, t.Source, t.Version))
            .ToList();
    }

    public async Task<IReadOnlyList<StoredTemplateSource>> LoadAllAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
        return await db.MailTemplates
            .Select(t => new StoredTemplateSource(t.Name, t.Language, t.Source, t.Version))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>
/// Reads the stored templates before the app serves requests (registered after the migrations), so no request holding
/// a database connection ever waits for the first read.
/// </summary>
public sealed class MailTemplatesWarmUp(MailTemplates templates) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => templates.ReloadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
