using ConsultDesk.Domain;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Data;

/// <summary>
/// Hands out case references. One atomic upsert per reference, or per block of references: SQLite serialises writers,
/// and PostgreSQL holds the year's row lock until the surrounding transaction ends, so concurrent intakes never share
/// a number, and a rolled-back transaction gives its numbers back.
/// </summary>
public sealed class ReferenceNumbers(ConsultDeskDbContext db)
{
    // Both providers speak this dialect (SQLite ≥ 3.35 and PostgreSQL ≥ 9.5 for ON CONFLICT … RETURNING).
    private const string NextValuesSql = """
        INSERT INTO "ReferenceSequences" ("Year", "LastValue") VALUES ({0}, {1})
        ON CONFLICT ("Year") DO UPDATE SET "LastValue" = "ReferenceSequences"."LastValue" + {1}
        RETURNING "LastValue" AS "Value"
        """;

    public async Task<string> NextAsync(DateTime nowUtc, CancellationToken cancellationToken) =>
        (await NextAsync(nowUtc, 1, cancellationToken))[0];

    /// <summary><paramref name="count"/> consecutive references of the year of <paramref name="nowUtc"/>, in one round trip.</summary>
    public async Task<IReadOnlyList<string>> NextAsync(DateTime nowUtc, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var year = ReferenceNumber.JapanYear(nowUtc);
        var last = (await db.Database.SqlQueryRaw<long>(NextValuesSql, year, (long)count).ToListAsync(cancellationToken)).Single();
        return [.. Enumerable.Range(0, count).Select(i => ReferenceNumber.Format(year, last - count + 1 + i))];
    }
}
