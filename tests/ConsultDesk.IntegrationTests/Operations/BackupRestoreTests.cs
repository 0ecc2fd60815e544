using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;
using MimeKit;

namespace ConsultDesk.IntegrationTests.Operations;

[CollectionDefinition(Name)]
public sealed class BackupCollection
{
    public const string Name = "backup and restore of app processes";
}

/// <summary>
/// <c>backup DIR</c> while the app takes submissions, <c>restore DIR</c> into a fresh data directory, the app started on
/// it: every case acknowledged before the backup is there, and none of those acknowledgements goes out again.
/// </summary>
[Collection(BackupCollection.Name)]
public sealed class BackupRestoreTests
{
    private const string AdminEmail = "admin@backup.test";
    private const string AdminPassword = "Backup-Admin-2026";

    private static Dictionary<string, string> Settings(string dataDirectory) => new()
    {
        ["ConsultDesk:DataDirectory"] = dataDirectory,
        ["ConsultDesk:Mail:Transport"] = "Smtp",
        ["ConsultDesk:Mail:Smtp:Host"] = TestEnvironment.SmtpHost,
        ["ConsultDesk:Mail:Smtp:Port"] = TestEnvironment.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ConsultDesk:Mail:Outbox:LeaseDuration"] = "00:00:03",
        ["ConsultDesk:Mail:Outbox:RetryBaseDelay"] = "00:00:01",
        ["ConsultDesk:RateLimiting:Intake:PerIpPerMinute"] = "100000",
        ["ConsultDesk:Auth:SignInsPerIpPerMinute"] = "100000",
        ["ConsultDesk:Bootstrap:AdminEmail"] = AdminEmail,
        ["ConsultDesk:Bootstrap:AdminPassword"] = AdminPassword,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private static Dictionary<string, string> MessageIdsBy(IEnumerable<MimeMessage> mails) =>
        mails.GroupBy(m => m.MessageId ?? "").ToDictionary(g => g.Key, g => g.First().To.Mailboxes.First().Address, StringComparer.Ordinal);

    [Fact]
    public async Task A_backup_taken_during_submissions_restores_every_acknowledged_case_and_resends_none_of_their_mail()
    {
        var original = Directory.CreateTempSubdirectory("consultdesk-live-").FullName;
        var backup = Path.Combine(Directory.CreateTempSubdirectory("consultdesk-backup-").FullName, "2026-12-04");
        var restored = Directory.CreateTempSubdirectory("consultdesk-restored-").FullName;
        var submitted = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase); // email → reference
        Dictionary<string, string> acknowledgedBeforeBackup; // Message-ID → email
        string oldToken;
        int submittedBeforeBackup, submittedAfterBackup;
        var pdf = Attachments.Uploads.Pdf("backup");
        string attachmentPath;

        await using (var app = await AppProcess.StartAsync(Settings(original)))
        {
            using var client = new HttpClient { BaseAddress = app.BaseAddress };
            oldToken = await Staff.TokenAsync(client, AdminEmail, AdminPassword);
            using var stop = new CancellationTokenSource();
            var stream = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var email = Infrastructure.Inquiries.UniqueEmail("backup");
                    using var response = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Worker(email));
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    submitted[email] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
                    await Task.Delay(25);
                }
            });

            // Let a first wave be submitted and acknowledged, then back up while the stream goes on.
            while (submitted.Count < 20) await Task.Delay(50);
            // A reply with a file: the file is in the attachment store, which the backup must carry.
            using (var admin = new HttpClient { BaseAddress = app.BaseAddress })
            {
                admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", oldToken);
                var reference = submitted.Values.First();
                using var replied = await Attachments.Uploads.ReplyAsync(admin, reference, "資料の送付", "資料をお送りします。", ("資料.pdf", pdf));
                Assert.True(replied.StatusCode == HttpStatusCode.Accepted, await replied.Content.ReadAsStringAsync());
                var @case = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}");
                attachmentPath = $"/api/v1/cases/{reference}/attachments/{@case.GetProperty("attachments")[0].GetProperty("id").GetGuid()}";
            }
            await SmtpSink.WaitForAsync(submitted.Keys.ToList(), TimeSpan.FromSeconds(30));
            acknowledgedBeforeBackup = MessageIdsBy(SmtpSink.MessagesTo(submitted.Keys.ToList()));
            submittedBeforeBackup = submitted.Count;
            var (exitCode, output) = await AppProcess.RunCommandAsync(Settings(original), "backup", backup);
            submittedAfterBackup = submitted.Count;
            await stop.CancelAsync();
            await stream;
            Assert.True(exitCode == 0, output);
        }

        Assert.True(acknowledgedBeforeBackup.Count >= 20, $"only {acknowledgedBeforeBackup.Count} acknowledgements before the backup");
        Assert.True(submittedAfterBackup > submittedBeforeBackup, "no submission was accepted while the backup ran");
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(backup, "manifest.json"))).RootElement;
        Assert.Equal("Sqlite", manifest.GetProperty("provider").GetString());
        Assert.True(manifest.GetProperty("keyFiles").GetInt32() >= 1);
        Assert.True(manifest.GetProperty("attachmentFiles").GetInt32() >= 1);

        var (restoreCode, restoreOutput) = await AppProcess.RunCommandAsync(Settings(restored), "restore", backup);
        Assert.True(restoreCode == 0, restoreOutput);
        // A second restore would overwrite the data just restored: refused without --force.
        var (againCode, againOutput) = await AppProcess.RunCommandAsync(Settings(restored), "restore", backup);
        Assert.Equal(2, againCode);
        Assert.Contains("not empty", againOutput, StringComparison.Ordinal);

        var sentBeforeRestart = Directory.EnumerateFiles(TestEnvironment.SmtpDirectory, "*.eml").ToHashSet();
        await using (var app = await AppProcess.StartAsync(Settings(restored)))
        {
            using var client = new HttpClient { BaseAddress = app.BaseAddress };
            // The keys came back too: a token issued before the backup is still good.
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", oldToken);
            foreach (var email in acknowledgedBeforeBackup.Values.Distinct())
            {
                using var found = await client.GetAsync($"/api/v1/cases/{submitted[email]}");
                Assert.True(found.StatusCode == HttpStatusCode.OK, $"{submitted[email]}: {(int)found.StatusCode}");
            }
            // The attachment came back with the database that names it.
            Assert.Equal(pdf, await client.GetByteArrayAsync(attachmentPath));

            // Let the restored app deliver whatever the backup held as pending (mail sent during the backup).
            await Task.Delay(TimeSpan.FromSeconds(6));
        }

        // Over data that is there, only with --force (the app is stopped).
        var (forcedCode, forcedOutput) = await AppProcess.RunCommandAsync(Settings(restored), "restore", backup, "--force");
        Assert.True(forcedCode == 0, forcedOutput);

        var sentAfterRestore = Directory.EnumerateFiles(TestEnvironment.SmtpDirectory, "*.eml").Where(f => !sentBeforeRestart.Contains(f))
            .Select(f => MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(a => submitted.ContainsKey(a.Address))).ToList();
        var resent = sentAfterRestore.Where(m => acknowledgedBeforeBackup.ContainsKey(m.MessageId ?? "")).Select(m => m.MessageId).ToList();
        Assert.Empty(resent);
    }
}
