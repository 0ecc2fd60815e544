using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ConsultDesk.IntegrationTests.Attachments;

/// <summary>
/// Files on the conversation: a consultant replies with a PDF (page and API), the mail carries it as a MIME part, the
/// inquirer downloads it through their own portal link and nobody else's; the portal takes files too; the type comes
/// from the content and the limits hold without a 500.
/// </summary>
public abstract partial class AttachmentTests(ConsultDeskAppFactory app)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    [GeneratedRegex("href=\"(/portal/[^\"]+/attachments/[0-9a-f-]{36})\"")]
    private static partial Regex PortalDownload();

    private static string Token(string html) => AntiForgery().Match(html).Groups[1].Value;

    private async Task<HttpClient> SignedInAsync()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
        var form = await client.GetStringAsync("/signin");
        var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(form)), new("Email", ConsultDeskAppFactory.AdminEmail), new("Password", ConsultDeskAppFactory.AdminPassword)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    [Fact]
    public async Task A_reply_with_a_pdf_from_the_case_page_is_mailed_as_a_part_and_served_only_through_its_own_portal_link()
    {
        var mine = await PortalVisit.SubmitAsync(app, tag: "attach");
        var other = await PortalVisit.SubmitAsync(app, tag: "attach-other");
        var pdf = Uploads.Pdf("見積書");
        using var desk = await SignedInAsync();
        var page = await desk.GetStringAsync($"/desk/cases/{mine.Reference}");
        Assert.Contains("enctype=\"multipart/form-data\"", page, StringComparison.Ordinal);
        var version = Regex.Match(page, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;

        var posted = await desk.PostAsync($"/desk/cases/{mine.Reference}?handler=Reply", Uploads.Form(
            [("__RequestVerificationToken", Token(page)), ("Version", version), ("subject", "お見積りの送付"), ("body", "見積書をお送りします。")],
            ("お見積書 2026.pdf", pdf)));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        // The mail: the text and the PDF as an attachment part with its Japanese name.
        var mail = await PortalVisit.MailAsync(mine.Email, m => (m.Subject ?? "").Contains("お見積りの送付", StringComparison.Ordinal));
        var part = Assert.Single(mail.Attachments.OfType<MimePart>());
        Assert.Equal("application/pdf", part.ContentType.MimeType);
        Assert.Equal("お見積書 2026.pdf", part.FileName);
        using (var decoded = new MemoryStream())
        {
            await part.Content!.DecodeToAsync(decoded);
            Assert.Equal(pdf, decoded.ToArray());
        }

        // The case page lists it on the reply, with a download link for staff.
        var after = await desk.GetStringAsync($"/desk/cases/{mine.Reference}");
        Assert.Contains("お見積書 2026.pdf", after, StringComparison.Ordinal);
        var staffLink = Regex.Match(after, "href=\"(/api/v1/cases/[^\"]+/attachments/[0-9a-f-]{36})\"").Groups[1].Value;
        Assert.NotEmpty(staffLink);
        Assert.Equal(pdf, await desk.GetByteArrayAsync(staffLink));

        // The inquirer sees it in the portal and downloads it: attachment, RFC 5987 name, sniffed type, nosniff.
        using var visitor = app.CreateClient();
        var portal = await visitor.GetStringAsync(mine.Path);
        Assert.Contains("お見積書 2026.pdf", portal, StringComparison.Ordinal);
        var download = PortalDownload().Match(portal).Groups[1].Value;
        var response = await visitor.GetAsync(download);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("filename*=UTF-8''%E3%81%8A%E8%A6%8B%E7%A9%8D%E6%9B%B8%202026.pdf",
            response.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        // Another inquirer's link does not serve it, nor does a wrong token: the same 404.
        var attachmentId = download[(download.LastIndexOf('/') + 1)..];
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{other.Path}/attachments/{attachmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/portal/{new string('A', 43)}/attachments/{attachmentId}")).StatusCode);
        Assert.DoesNotContain("お見積書 2026.pdf", await visitor.GetStringAsync(other.Path), StringComparison.Ordinal);
        // Nor does another case's reference for staff.
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync($"/api/v1/cases/{other.Reference}/attachments/{attachmentId}")).StatusCode);
    }

    [Fact]
    public async Task The_reply_api_takes_multipart_files_and_the_case_lists_them()
    {
        var visit = await PortalVisit.SubmitAsync(app, tag: "attach-api");
        using var staff = await Staff.AdminAsync(app);
        var png = (byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

        var response = await Uploads.ReplyAsync(staff, visit.Reference, "図面", "フロア図です。", ("floor.PNG", png), ("notes.pdf", Uploads.Pdf("api")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var @case = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{visit.Reference}");
        var files = @case.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(["floor.png", "notes.pdf"], files.Select(f => f.GetProperty("fileName").GetString()));
        Assert.Equal(["image/png", "application/pdf"], files.Select(f => f.GetProperty("contentType").GetString()));
        var mail = await PortalVisit.MailAsync(visit.Email, m => (m.Subject ?? "").Contains("図面", StringComparison.Ordinal));
        Assert.Equal(["floor.png", "notes.pdf"], mail.Attachments.OfType<MimePart>().Select(p => p.FileName));
        // Stored once each under the data directory, by SHA-256.
        var sha = await app.WithDbAsync(db => db.Attachments.Where(a => a.FileName == "notes.pdf").OrderByDescending(a => a.CreatedAt).Select(a => a.Sha256).FirstAsync());
        var dataDirectory = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConsultDesk.Common.ConsultDeskOptions>>().Value.DataDirectory;
        Assert.True(File.Exists(Path.Combine(dataDirectory, "attachments", sha[..2], sha[2..4], sha)));
    }

    [Fact]
    public async Task A_renamed_program_and_an_oversize_file_are_refused_with_field_problems_not_a_500()
    {
        var visit = await PortalVisit.SubmitAsync(app, tag: "attach-refused");
        using var staff = await Staff.AdminAsync(app);
        staff.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var renamed = await Uploads.ReplyAsync(staff, visit.Reference, "件名", "本文", ("invoice.pdf", Uploads.Exe));
        var oversize = await Uploads.ReplyAsync(staff, visit.Reference, "件名", "本文", ("big.pdf", [.. Uploads.Pdf("big"), .. new byte[10 * 1024 * 1024]]));

        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Equal("application/problem+json", renamed.Content.Headers.ContentType?.MediaType);
        var problem = await renamed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("\"invoice.pdf\" is not a file type that can be attached.", problem.GetProperty("errors").GetProperty("attachments")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        var tooLarge = await oversize.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("\"big.pdf\" is too large (at most 10 MB per file).", tooLarge.GetProperty("errors").GetProperty("attachments")[0].GetString());
        // Nothing of either reply was written.
        Assert.Equal(0, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.ToAddress == visit.Email && m.Kind == "reply")));
    }

    [Fact]
    public async Task A_body_over_the_message_limit_is_a_413_problem()
    {
        var visit = await PortalVisit.SubmitAsync(app, tag: "attach-413");
        using var staff = await Staff.AdminAsync(app);
        var part = new byte[9 * 1024 * 1024];

        var response = await Uploads.ReplyAsync(staff, visit.Reference, "件名", "本文", ("a.pdf", part), ("b.pdf", part), ("c.pdf", part));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("添付ファイルの合計が大きすぎます（1通 25 MB まで）。", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_inquirer_attaches_a_file_in_the_portal_and_staff_download_it_while_a_renamed_program_is_refused_beside_the_field()
    {
        var visit = await PortalVisit.SubmitAsync(app, tag: "attach-portal");
        using var client = PortalVisit.NoRedirectClient(app);
        var (html, formToken) = await PortalVisit.OpenAsync(client, visit.Path);
        Assert.Contains("name=\"Attachments\"", html, StringComparison.Ordinal);
        var pdf = Uploads.Pdf("就業規則");

        var refused = await client.PostAsync($"{visit.Path}?handler=Reply", Uploads.Form(
            [("__RequestVerificationToken", formToken), ("body", "規程案です。")], ("setup.pdf", Uploads.Exe)));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        var posted = await client.PostAsync($"{visit.Path}?handler=Reply", Uploads.Form(
            [("__RequestVerificationToken", formToken), ("body", "規程案です。")], ("就業規則（案）.pdf", pdf)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("「setup.pdf」は添付できない種類のファイルです。", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var portal = await client.GetStringAsync(visit.Path);
        Assert.Contains("就業規則（案）.pdf", portal, StringComparison.Ordinal);
        Assert.Equal(pdf, await client.GetByteArrayAsync(PortalDownload().Match(portal).Groups[1].Value));

        using var staff = await Staff.AdminAsync(app);
        var @case = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{visit.Reference}");
        var file = Assert.Single(@case.GetProperty("attachments").EnumerateArray());
        var entryId = file.GetProperty("timelineEntryId").GetGuid();
        var entry = Assert.Single(@case.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("id").GetGuid() == entryId);
        Assert.Equal("inbound", entry.GetProperty("direction").GetString());
        Assert.Equal(pdf, await staff.GetByteArrayAsync($"/api/v1/cases/{visit.Reference}/attachments/{file.GetProperty("id").GetGuid()}"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAttachmentTests(SqliteApp app) : AttachmentTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAttachmentTests(PostgresApp app) : AttachmentTests(app);
