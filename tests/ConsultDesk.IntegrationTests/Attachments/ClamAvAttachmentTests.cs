using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.Domain;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Portal;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Attachments;

/// <summary>The app with <c>ConsultDesk:Attachments:ClamAv</c> pointing at the clamd tests/run.sh starts (EICAR-only database).</summary>
public sealed class ClamAvApp() : ConsultDeskAppFactory("Sqlite")
{
    public static string Clamd => Environment.GetEnvironmentVariable("CONSULTDESK_TEST_CLAMD") is { Length: > 0 } endpoint
        ? endpoint
        : throw new InvalidOperationException("CONSULTDESK_TEST_CLAMD is not set: run the tests with tests/run.sh, which starts clamd for the ClamAV tests.");

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["ConsultDesk:Attachments:ClamAv"] = Clamd,
    };
}

[CollectionDefinition(Name)]
public sealed class ClamAvCollection : ICollectionFixture<ClamAvApp>
{
    public const string Name = "app with ClamAV";
}

[Collection(ClamAvCollection.Name)]
public sealed class ClamAvAttachmentTests(ClamAvApp app)
{
    [Fact]
    public async Task With_clamav_an_eicar_file_is_refused_from_staff_and_from_the_portal_and_a_clean_one_is_served_as_scanned()
    {
        var visit = await PortalVisit.SubmitAsync(app, tag: "clamav");
        using var staff = await Staff.AdminAsync(app);
        var clean = Uploads.Pdf("clean");

        var infected = await Uploads.ReplyAsync(staff, visit.Reference, "資料", "資料です。", ("eicar.pdf", Uploads.EicarPdf));
        var accepted = await Uploads.ReplyAsync(staff, visit.Reference, "資料", "資料です。", ("clean.pdf", clean));

        Assert.Equal(HttpStatusCode.BadRequest, infected.StatusCode);
        var problem = await infected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("「eicar.pdf」からウイルスが検出されたため、受け付けられません。", problem.GetProperty("errors").GetProperty("attachments")[0].GetString());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var row = await app.WithDbAsync(db => db.Attachments.AsNoTracking().SingleAsync(a => a.FileName == "clean.pdf" && a.Size == clean.Length));
        Assert.Equal(ScanStatus.Clean, row.ScanStatus);
        Assert.Equal(clean, await staff.GetByteArrayAsync($"/api/v1/cases/{visit.Reference}/attachments/{row.Id}"));

        // The inquirer's upload goes through the same scan.
        using var client = PortalVisit.NoRedirectClient(app);
        var (_, formToken) = await PortalVisit.OpenAsync(client, visit.Path);
        var portal = await client.PostAsync($"{visit.Path}?handler=Reply", Uploads.Form(
            [("__RequestVerificationToken", formToken), ("body", "ファイルです。")], ("eicar.pdf", Uploads.EicarPdf)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, portal.StatusCode);
        Assert.Contains("「eicar.pdf」からウイルスが検出されたため、受け付けられません。", await portal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Attachments.AnyAsync(a => a.FileName == "eicar.pdf")));
    }
}
