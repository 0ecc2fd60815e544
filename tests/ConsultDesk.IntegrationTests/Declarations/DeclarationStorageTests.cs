using ConsultDesk.Domain.Declarations;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Declarations;

/// <summary>The declaration tables on both databases: numbers from one sequence, public item rows, seeded items.</summary>
public abstract class DeclarationStorageTests(ConsultDeskAppFactory app)
{
    [Fact]
    public async Task Accepted_declarations_take_consecutive_numbers_and_index_their_public_items()
    {
        var first = await Infrastructure.Declarations.SeedAsync(app, content: Infrastructure.Declarations.Content(itemCodes: ["1", "3"]));
        var second = await Infrastructure.Declarations.SeedAsync(app);
        var returned = await Infrastructure.Declarations.SeedAsync(app, DeclarationStatus.Returned);

        Assert.Equal(first.Number + 1, second.Number);
        Assert.Null(returned.Number);
        var items = await app.WithDbAsync(db => db.DeclarationPublicItems.Where(i => i.DeclarationId == first.Id).OrderBy(i => i.ItemCode).ToListAsync());
        Assert.Equal(["1", "3"], items.Select(i => i.ItemCode));
        Assert.All(items, i => Assert.Equal(first.Number, i.Number));
    }

    [Fact]
    public async Task The_form_starts_with_the_programme_items_and_sample_agreements()
    {
        var items = await app.WithDbAsync(db => db.DeclarationItems.OrderBy(i => i.Kind).ThenBy(i => i.SortOrder).ToListAsync());

        var commitments = items.Where(i => i.Kind == DeclarationItemKind.Commitment).ToList();
        Assert.Equal(["1", "2", "3", "4", "5"], commitments.Select(i => i.Code));
        Assert.Equal("採用の優位性の確保・社員の離職防止", commitments[0].LabelJa);
        Assert.True(commitments.Single(i => i.Code == "4").IsSample);
        Assert.Contains(items, i => i is { Kind: DeclarationItemKind.Agreement, Code: "antisocial-forces" });
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteDeclarationStorageTests(SqliteApp app) : DeclarationStorageTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresDeclarationStorageTests(PostgresApp app) : DeclarationStorageTests(app);
