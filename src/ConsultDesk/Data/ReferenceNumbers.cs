using ConsultDesk.Domain;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Data;

/// <summary>
/// Hands out case references. One atomic upsert per reference: SQLite serialises writers, and PostgreSQL holds the
/// year's row lock until the surrounding transaction ends, so concurrent intakes never share a number.
/// </summary>
public sealed class ReferenceNumbers(ConsultDeskDbContext db)
{
    // Both providers speak this dialect (SQLite ≥ 3.35 and PostgreSQL ≥ 9.5 for ON CONFLICT … RETURNING).
    private const string NextValueSql = """
        INSERT INTO "ReferenceSequences" ("Year", "LastValue") VALUES ({0}, 1)
        ON CONFLICT ("Year") DO UPDATE SET "LastValue" = "ReferenceSequences"."LastValue" + 1
        RETURNING "LastValue" AS "Value"
        """;

    public async Task<string> NextAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var year = ReferenceNumber.JapanYear(nowUtc);
        var values = await db.Database.SqlQueryRaw<long>(NextValueSql, year).ToListAsync(cancellationToken);
        return ReferenceNumber.Format(year, values.Single());
    }
}
