using System.Net;
using System.Net.Http.Headers;
using ConsultDesk.Domain.Info;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Info;

/// <summary>Case-study images: upload with alt text from the editor's page, refusals, and who may fetch them before and after publication.</summary>
public abstract partial class InfoEditingTests
{
    // A 1×1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static MultipartFormDataContent ImageForm(string token, string? altText, byte[] bytes, string fileName)
    {
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (altText is not null) form.Add(new StringContent(altText), "AltText");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "Image", fileName);
        return form;
    }

    [Fact]
    public async Task A_case_study_image_needs_alt_text_and_real_image_content_and_is_public_only_once_the_item_is_published()
    {
        var id = await InfoSeed.SeedAsync(app, InfoKind.CaseStudy, new InfoContent
        {
            Title = "画像つき事例 " + InfoSeed.UniqueWord(), Summary = "概要", Parties = ["company"], Prefectures = ["36"],
        }, publish: false);
        var editor = await PageClientAsync();
        async Task<HttpResponseMessage> UploadAsync(string? altText, byte[] bytes, string fileName)
        {
            var page = await editor.GetStringAsync($"/desk/info/{id}");
            return await editor.PostAsync($"/desk/info/{id}?handler=AddImage", ImageForm(Token(page), altText, bytes, fileName));
        }
        Task<List<InfoImage>> ImagesAsync() => app.WithDbAsync(db => db.InfoImages.AsNoTracking().Where(i => i.ItemId == id).ToListAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync("駅前のサテライトオフィス外観", Png, "office.png")).StatusCode);
        var image = Assert.Single(await ImagesAsync());
        Assert.Equal(("image/png", "駅前のサテライトオフィス外観", (long)Png.Length), (image.ContentType, image.AltText, image.Length));

        // No alt text, or text dressed up as a PNG: refused with a field error, nothing stored.
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(null, Png, "office.png")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync("説明", "<script>alert(1)</script>"u8.ToArray(), "fake.png")).StatusCode);
        Assert.Single(await ImagesAsync());

        // A draft's image: 404 to the public, served to the editor without caching.
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/info/images/{image.Id}")).StatusCode);
        var forEditor = await editor.GetAsync($"/info/images/{image.Id}");
        Assert.Equal(HttpStatusCode.OK, forEditor.StatusCode);
        Assert.Equal("nosniff", forEditor.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(forEditor.Headers.CacheControl?.NoStore);

        await app.WithDbAsync(async db =>
        {
            var item = await db.InfoItems.SingleAsync(i => i.Id == id);
            item.Publish(DateTime.UtcNow);
            await db.SaveChangesAsync();
            return 0;
        });
        var published = await anonymous.GetAsync($"/info/images/{image.Id}");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("image/png", published.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await published.Content.ReadAsByteArrayAsync());
        Assert.True(published.Headers.CacheControl?.Public);
    }
}
