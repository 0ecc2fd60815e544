using ConsultDesk.Domain.Declarations;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Data;

/// <summary>
/// Hands out the public declaration numbers (第000123号), one atomic upsert each, like <see cref="ReferenceNumbers"/>:
/// the row lock (PostgreSQL) or the single writer (SQLite) holds until the accepting transaction ends, so two
/// acceptances never share a number and a rolled-back one gives its number back.
/// </summary>
public sealed class DeclarationNumbers(ConsultDeskDbContext db)
{
    private const string NextValueSql = """
        INSERT INTO "DeclarationNumberSequences" ("Id", "LastValue") VALUES (1, 1)
        ON CONFLICT ("Id") DO UPDATE SET "LastValue" = "DeclarationNumberSequences"."LastValue" + 1
        RETURNING "LastValue" AS "Value"
        """;

    public async Task<int> NextAsync(CancellationToken cancellationToken)
    {
        var values = await db.Database.SqlQueryRaw<int>(NextValueSql).ToListAsync(cancellationToken);
        return values.Single();
    }

    /// <summary>
    /// Publishes the accepted version: makes the public item rows and the search document match it. Every acceptance
    /// (the first and each accepted change) calls this in its transaction; a withdrawal leaves the rows, which the
    /// public list's <see cref="Declaration.Listed"/> filter hides.
    /// </summary>
    public async Task ReplacePublicItemsAsync(Declaration declaration, DeclarationContent accepted, CancellationToken cancellationToken)
    {
        var number = declaration.Number ?? throw new InvalidOperationException("Only a numbered (accepted) declaration is published.");
        var existing = await db.DeclarationPublicItems.Where(i => i.DeclarationId == declaration.Id).ToListAsync(cancellationToken);
        var wanted = accepted.Commitments.Select(c => c.ItemCode).ToHashSet(StringComparer.Ordinal);
        db.DeclarationPublicItems.RemoveRange(existing.Where(i => !wanted.Contains(i.ItemCode)));
        foreach (var code in wanted.Except(existing.Select(i => i.ItemCode), StringComparer.Ordinal))
            db.DeclarationPublicItems.Add(new DeclarationPublicItem { DeclarationId = declaration.Id, ItemCode = code, Number = number });

        if (await db.DeclarationSearch.SingleOrDefaultAsync(d => d.DeclarationId == declaration.Id, cancellationToken) is { } document)
            document.Update(accepted);
        else
            db.DeclarationSearch.Add(DeclarationSearchDocument.For(number, declaration.Id, accepted));
    }
}
