using System.Xml.Linq;
using ConsultDesk.Common;
using ConsultDesk.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// On PostgreSQL the key ring lives in the database. A deployment that ran before that kept its keys in
/// {DataDirectory}/keys, and they still decrypt stored outbox secrets and the cookies and tokens in use: when the
/// database holds no key yet, those files are copied in once, as they are (still encrypted with the certificate if one
/// protects them), before anything reads the key ring. Nodes starting together take an advisory lock, so one imports.
/// </summary>
public sealed class DataProtectionKeyImport(IServiceProvider services, IOptions<ConsultDeskOptions> options, ILogger<DataProtectionKeyImport> logger) : IHostedService
{
    public const string KeysFolder = "keys";

    /// <summary>An arbitrary constant naming this step's PostgreSQL advisory lock.</summary>
    private const long AdvisoryLock = 0x436F6E73_4B657973; // "ConsKeys"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Database.Provider != DatabaseProvider.Postgres) return;
        var folder = Path.Combine(options.Value.DataDirectory, KeysFolder);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.xml") : [];
        if (files.Length == 0) return;

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLock})", cancellationToken);
        if (await db.DataProtectionKeys.AnyAsync(cancellationToken)) return;
        foreach (var file in files.Order(StringComparer.Ordinal))
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting),
            });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Imported {Count} Data Protection key(s) from the keys folder into the database", files.Length);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
