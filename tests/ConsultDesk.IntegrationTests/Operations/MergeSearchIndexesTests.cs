using ConsultDesk.Data;
using ConsultDesk.IntegrationTests.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultDesk.IntegrationTests.Operations;

/// <summary>The nightly merge leaves each SQLite full-text index in one segment, and the index still matches its documents.</summary>
[Collection(SqliteCollection.Name)]
public sealed class SqliteMergeSearchIndexesTests(SqliteApp app)
{
    [Fact]
    public async Task The_merge_leaves_each_index_in_one_segment_that_still_matches_its_documents()
    {
        var client = app.CreateClient();
        // Each intake's commit adds a segment; the writes' own small merges may have just folded them into one.
        for (var tries = 0; tries < 5 && await SegmentsAsync("CaseSearchIndex") < 2; tries++)
            (await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Municipality(Infrastructure.Inquiries.UniqueEmail("merge")))).EnsureSuccessStatusCode();
        Assert.True(await SegmentsAsync("CaseSearchIndex") >= 2);

        var response = await SendAsync(new MergeSearchIndexes.Command());

        Assert.True(response.Steps > 0);
        foreach (var index in MergeSearchIndexes.Indexes)
        {
            Assert.True(await SegmentsAsync(index) <= 1, index);
            // FTS5 checks the index against the documents it was built from; it throws on any difference.
            var check = $"""INSERT INTO "{index}"("{index}", rank) VALUES ('integrity-check', 1)""";
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(check));
        }
        // Nothing left to merge: the next night writes nothing.
        Assert.Equal(0, (await SendAsync(new MergeSearchIndexes.Command())).Steps);
    }

    private Task<int> SegmentsAsync(string index) => app.WithDbAsync(db => MergeSearchIndexes.SegmentsAsync(db, index, CancellationToken.None));

    private async Task<MergeSearchIndexes.Response> SendAsync(MergeSearchIndexes.Command command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }
}

/// <summary>PostgreSQL's GIN indexes are kept by its vacuum: the merge does nothing there.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMergeSearchIndexesTests(PostgresApp app)
{
    [Fact]
    public async Task The_merge_does_nothing_on_postgresql()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var response = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new MergeSearchIndexes.Command());
        Assert.Equal(0, response.Steps);
        Assert.Empty(response.Segments);
    }
}
