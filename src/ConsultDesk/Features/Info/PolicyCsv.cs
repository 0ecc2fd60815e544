using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Info;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Municipalities;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using CsvHelper;

namespace ConsultDesk.Features.Info;

/// <summary>
/// The policy list (施策一覧) as CSV: one row per policy keyed by slug, lists (parties, topics, prefectures) joined by
/// <c>;</c>, dates as yyyy-MM-dd. Written Excel-ready (UTF-8 with BOM, formula-escaped); read in UTF-8 or CP932.
/// </summary>
public static class PolicyCsv
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 5_000;
    public const char ListSeparator = ';';

    public static readonly IReadOnlyList<string> Columns =
    [
        "slug", "title", "title_en", "summary", "summary_en", "body", "body_en", "url", "as_of", "category", "ministry", "parties", "topics",
        "prefectures", "application_opens_on", "application_closes_on", "status",
    ];

    /// <summary>The column of each content field (for an error's column name).</summary>
    private static readonly Dictionary<string, string> ColumnOf = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Slug"] = "slug", ["Title"] = "title", ["TitleEn"] = "title_en", ["Summary"] = "summary", ["SummaryEn"] = "summary_en", ["Body"] = "body",
        ["BodyEn"] = "body_en", ["Url"] = "url", ["AsOf"] = "as_of", ["Category"] = "category", ["Ministry"] = "ministry", ["Parties"] = "parties",
        ["Topics"] = "topics", ["Prefectures"] = "prefectures", ["ApplicationOpensOn"] = "application_opens_on", ["ApplicationClosesOn"] = "application_closes_on",
    };

    public static string ColumnFor(string property)
    {
        var name = property.Split('[', '.')[0];
        return ColumnOf.GetValueOrDefault(name, name);
    }

    public static IReadOnlyList<string> Row(InfoItem i) =>
    [
        i.Slug, i.Title, i.TitleEn ?? "", i.Summary, i.SummaryEn ?? "", i.Body, i.BodyEn ?? "", i.Url ?? "", Date(i.AsOf), i.Category ?? "", i.Ministry ?? "",
        string.Join(ListSeparator, i.Parties), string.Join(ListSeparator, i.Topics), string.Join(ListSeparator, i.Prefectures),
        Date(i.ApplicationOpensOn), Date(i.ApplicationClosesOn), Domain.Wire.Name(i.Status),
    ];

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public sealed record RowError(int Row, string? Column, string Message);

    public sealed record ParsedRow(int Row, string Slug, InfoItemInput Input);

    public static string Message(string en, string ja) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? en : ja;

    /// <summary>Reads the rows (header first, row numbers as Excel shows them); cells that are not dates give errors naming row and column.</summary>
    public static (List<ParsedRow> Rows, List<RowError> Errors, string Encoding) Read(byte[] bytes)
    {
        var (text, encoding) = MunicipalityCsv.Decode(bytes);
        var rows = new List<ParsedRow>();
        var errors = new List<RowError>();
        try
        {
            using var csv = CsvReader.FromText(text, new CsvReaderOptions
            {
                HasHeader = false, TrimWhitespace = true, SkipEmptyLines = true, AllowLineBreaksInQuotes = true,
                FieldCountMismatch = CsvFieldCountHandling.Allow, MissingField = CsvMissingFieldHandling.ReturnEmpty,
                MalformedData = CsvMalformedDataHandling.Throw, FormatProvider = CultureInfo.InvariantCulture,
            });
            if (!csv.Read()) return (rows, [new RowError(1, null, Message("The file is empty.", "ファイルが空です。"))], encoding);
            var header = Enumerable.Range(0, csv.FieldCount).Select(i => (csv.GetString(i) ?? "").Trim().ToLowerInvariant()).ToArray();
            foreach (var required in (string[])["slug", "title", "summary"])
                if (!header.Contains(required))
                    errors.Add(new RowError(1, required, Message($"The header has no column \"{required}\".", $"見出し行に列「{required}」がありません。")));
            if (errors.Count > 0) return (rows, errors, encoding);
            var row = 1;
            while (csv.Read())
            {
                row++;
                if (rows.Count >= MaxRows) return ([], [new RowError(row, null, Message($"At most {MaxRows} rows.", $"行数は{MaxRows}行までです。"))], encoding);
                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < header.Length; i++)
                    if (header[i].Length > 0) cells[header[i]] = i < csv.FieldCount ? ExcelCsv.Unescape((csv.GetString(i) ?? "").Trim()).Trim() : "";
                if (cells.Values.All(v => v.Length == 0)) continue;
                string? Cell(string column) => cells.TryGetValue(column, out var v) && v.Length > 0 ? v : null;
                DateOnly? DateCell(string column)
                {
                    if (Cell(column) is not { } v) return null;
                    if (DateOnly.TryParseExact(v.Replace('/', '-'), ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
                    errors.Add(new RowError(row, column, Message("Enter a date as yyyy-mm-dd.", "日付はyyyy-mm-ddの形で入力してください。")));
                    return null;
                }
                IReadOnlyList<string> List(string column) =>
                    Cell(column) is { } v ? [.. v.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : [];
                rows.Add(new ParsedRow(row, Cell("slug") ?? "", new InfoItemInput
                {
                    Title = Cell("title"), TitleEn = Cell("title_en"), Summary = Cell("summary"), SummaryEn = Cell("summary_en"),
                    Body = Cell("body"), BodyEn = Cell("body_en"), Url = Cell("url"), AsOf = DateCell("as_of"), Category = Cell("category"),
                    Ministry = Cell("ministry"), Parties = List("parties"), Topics = List("topics"), Prefectures = List("prefectures"),
                    ApplicationOpensOn = DateCell("application_opens_on"), ApplicationClosesOn = DateCell("application_closes_on"),
                }));
            }
        }
        catch (CsvFormatException ex)
        {
            return ([], [new RowError((int)Math.Max(1, ex.RecordNumber), null, Message("The file is not readable CSV.", "CSVとして読み取れません。"))], encoding);
        }
        return (rows, errors, encoding);
    }
}

/// <summary>GET /desk/info/policies.csv and /api/v1/info/policies.csv: every policy (any status), Excel-ready.</summary>
public static class ExportPolicies
{
    public sealed record Query : IQuery<byte[]>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, byte[]>
    {
        public async ValueTask<byte[]> Handle(Query query, CancellationToken cancellationToken)
        {
            var items = await db.InfoItems.AsNoTracking().Where(i => i.Kind == InfoKind.Policy).OrderBy(i => i.Slug).ToListAsync(cancellationToken);
            return ExcelCsv.Write([PolicyCsv.Columns, .. items.Select(PolicyCsv.Row)]);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api, IEndpointRouteBuilder app)
    {
        static async Task<IResult> Export(ISender sender, CancellationToken ct) =>
            Results.File(await sender.Send(new Query(), ct), ExcelCsv.ContentType, "policies.csv");
        api.MapGet("/info/policies.csv", Export)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName(nameof(ExportPolicies)).WithSummary("The policy list as CSV (UTF-8 with BOM; editors, managers, admins)").WithTags("Info");
        app.MapGet("/desk/info/policies.csv", Export).RequireAuthorization(p => p.RequireRole(Roles.InfoEditors)).ExcludeFromDescription();
    }
}

/// <summary>
/// Imports the policy list: each row creates the policy of its slug or changes it (a revision "imported" by the user);
/// all or nothing — one bad row imports nothing, and every error names its row and column.
/// </summary>
public static class ImportPolicies
{
    public sealed record Command(byte[] Content) : ICommand<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    public sealed record Response(int Created, int Changed, int Unchanged, string Encoding, IReadOnlyList<PolicyCsv.RowError> Errors)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, LocalGovernmentDirectory directory, ICurrentUser user, TimeProvider clock,
        ILogger<Handler> logger) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var (rows, errors, encoding) = PolicyCsv.Read(command.Content);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (!InfoRules.IsSlug(row.Slug)) errors.Add(new PolicyCsv.RowError(row.Row, "slug", InfoRules.SlugFormat));
                else if (seen.TryGetValue(row.Slug, out var first))
                    errors.Add(new PolicyCsv.RowError(row.Row, "slug", PolicyCsv.Message($"The same slug as row {first}.", $"{first}行目と同じスラッグです。")));
                else seen[row.Slug] = row.Row;
                var result = await new InfoContentValidator(InfoKind.Policy, directory, db).ValidateAsync(row.Input.ToContent(InfoKind.Policy), cancellationToken);
                errors.AddRange(result.Errors.Select(f => new PolicyCsv.RowError(row.Row, PolicyCsv.ColumnFor(f.PropertyName), f.ErrorMessage)));
            }
            if (errors.Count > 0) return new Response(0, 0, 0, encoding, [.. errors.OrderBy(e => e.Row)]);

            var now = clock.GetUtcNow().UtcDateTime;
            var actor = await InfoEditAccess.ActorAsync(db, user, cancellationToken);
            int created = 0, changed = 0;
            using (await gate.EnterAsync(cancellationToken))
            {
                var slugs = rows.Select(r => r.Slug).ToList();
                var existing = await db.InfoItems.Where(i => i.Kind == InfoKind.Policy && slugs.Contains(i.Slug)).ToDictionaryAsync(i => i.Slug, cancellationToken);
                foreach (var row in rows)
                {
                    var content = row.Input.ToContent(InfoKind.Policy);
                    if (existing.TryGetValue(row.Slug, out var item))
                    {
                        var fields = item.Edit(content, now);
                        if (fields.Count == 0) continue;
                        await InfoWriter.RecordAsync(db, item, InfoRevisionAction.Imported, fields, actor, null, now, cancellationToken);
                        changed++;
                    }
                    else
                    {
                        InfoWriter.Add(db, InfoItem.Create(InfoKind.Policy, row.Slug, content, now), InfoRevisionAction.Imported, actor, null, now);
                        created++;
                    }
                }
                await db.SaveChangesAsync(cancellationToken);
            }
            logger.LogInformation("Policy import by {UserId}: {Created} created, {Changed} changed ({Encoding})", actor.UserId, created, changed, encoding);
            return new Response(created, changed, rows.Count - created - changed, encoding, []);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/info/policies/import", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                var content = await ReadUploadAsync(request, ct);
                var response = await sender.Send(new Command(content), ct);
                return response.Succeeded
                    ? Results.Ok(response)
                    : Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                        title: PolicyCsv.Message("Nothing was imported.", "取り込みませんでした。"),
                        detail: PolicyCsv.Message($"{response.Errors.Count} problems; fix them and import the file again.", $"{response.Errors.Count}件の誤りがあります。直してから取り込み直してください。"),
                        extensions: new Dictionary<string, object?> { ["encoding"] = response.Encoding, ["rows"] = response.Errors });
            })
            .DisableAntiforgery() // cookie callers are checked by CookieWriteGuard, like every API write; bearer callers cannot be forged
            .Accepts<IFormFile>("multipart/form-data", "text/csv", "text/plain")
            .Produces<Response>().ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithName(nameof(ImportPolicies)).WithSummary("Import the policy list from CSV, all or nothing (editors, managers, admins)").WithTags("Info");

    /// <summary>The uploaded file or the CSV body, read up to <see cref="PolicyCsv.MaxBytes"/> + 1 bytes.</summary>
    public static async Task<byte[]> ReadUploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > PolicyCsv.MaxBytes + 64 * 1024) throw TooLarge();
        Stream source;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.FirstOrDefault() ?? throw new RequestRejectedException(StatusCodes.Status400BadRequest, Resources.Texts.MunicipalityCsvNoFile);
            source = file.OpenReadStream();
        }
        else if (request.ContentType is { } type && (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)
                     || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            source = request.Body;
        }
        else
        {
            throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, Resources.Texts.ProblemUnsupportedMediaType);
        }
        var bytes = await ReadBoundedAsync(source, PolicyCsv.MaxBytes, cancellationToken);
        if (bytes.Length == 0) throw new RequestRejectedException(StatusCodes.Status400BadRequest, Resources.Texts.ProblemEmptyBody);
        return bytes;
    }

    public static async Task<byte[]> ReadBoundedAsync(Stream source, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = await source.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length)), cancellationToken);
            if (read == 0) break;
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) throw TooLarge();
        }
        return buffer.ToArray();
    }

    private static RequestRejectedException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, string.Format(Resources.Texts.ProblemTooLarge, PolicyCsv.MaxBytes / 1024));
}
