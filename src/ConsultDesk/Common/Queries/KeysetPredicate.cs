using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace ConsultDesk.Common.Queries;

/// <summary>
/// The rows after a keyset position (a time, then a text key) in a list ordered by both. On PostgreSQL as a row-value
/// comparison, <c>("DueAt", "Reference") &gt; ($1, $2)</c>, which a B-tree on the two columns answers as one range read in
/// order: spelled as <c>time &gt; $1 OR (time = $1 AND key &gt; $2)</c>, PostgreSQL combined two bitmap scans and sorted
/// every row sharing the time. Ties are the rule here, not the exception: every case submitted on one day is due at the
/// same 17:00 JST, and a search walk landing on that day read all of them (4,300 at 10^4, 25–34 ms) for a page of 200.
/// SQLite keeps the OR form, which its planner walks in index order.
/// </summary>
public static class KeysetPredicate
{
    public static IQueryable<T> After<T>(this IQueryable<T> rows, Expression<Func<T, DateTime>> time, Expression<Func<T, string>> key,
        DateTime at, string atKey, bool descending, bool rowValues)
    {
        var template = (rowValues, descending) switch
        {
            (true, false) => RowGreater,
            (true, true) => RowLess,
            (false, false) => Greater,
            (false, true) => Less,
        };
        var row = time.Parameters[0];
        // The position through a closure object, so it reaches the SQL as parameters rather than literals.
        var position = Expression.Constant(new Position(at, atKey));
        var body = new ReplacingExpressionVisitor(
            [.. template.Parameters],
            [time.Body, ReplacingExpressionVisitor.Replace(key.Parameters[0], row, key.Body),
                Expression.Property(position, nameof(Position.At)), Expression.Property(position, nameof(Position.Key))])
            .Visit(template.Body);
        return rows.Where(Expression.Lambda<Func<T, bool>>(body, row));
    }

    private sealed record Position(DateTime At, string Key);

    private static readonly Expression<Func<DateTime, string, DateTime, string, bool>> RowGreater =
        (time, key, at, atKey) => EF.Functions.GreaterThan(ValueTuple.Create(time, key), ValueTuple.Create(at, atKey));

    private static readonly Expression<Func<DateTime, string, DateTime, string, bool>> RowLess =
        (time, key, at, atKey) => EF.Functions.LessThan(ValueTuple.Create(time, key), ValueTuple.Create(at, atKey));

    private static readonly Expression<Func<DateTime, string, DateTime, string, bool>> Greater =
        (time, key, at, atKey) => time > at || (time == at && string.Compare(key, atKey) > 0);

    private static readonly Expression<Func<DateTime, string, DateTime, string, bool>> Less =
        (time, key, at, atKey) => time < at || (time == at && string.Compare(key, atKey) < 0);
}
