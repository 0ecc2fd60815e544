using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.Common.Queries;
using ConsultDesk.Features.Cases;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ConsultDesk.IntegrationTests.Cases;

/// <summary>The queue, the same on both databases.</summary>
public abstract class QueueTests(ConsultDeskAppFactory app)
{
    /// <summary>A word no other test uses, made of digits and kana so it exercises the Japanese search path.</summary>
    private static string Marker() => "テスト" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> SubmitAsync(System.Text.Json.Nodes.JsonObject body)
    {
        using var client = app.CreateClient();
        var response = await Infrastructure.Inquiries.PostAsync(client, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    /// <summary>Submits <paramref name="body"/> with <paramref name="subject"/> and returns its reference.</summary>
    private Task<string> SubmitAsync(System.Text.Json.Nodes.JsonObject body, string subject)
    {
        body["subject"] = subject;
        return SubmitAsync(body);
    }

    private static List<string> References(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()!).ToList();

    [Fact]
    public async Task A_new_case_is_in_the_unassigned_queue_and_japanese_partial_words_find_it()
    {
        var marker = Marker();
        var body = Infrastructure.Inquiries.Company();
        body["subject"] = $"規程の相談 {marker}";
        var reference = await SubmitAsync(body);
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");

        var unassigned = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?assignee=unassigned&sort=due&limit=100&q={Uri.EscapeDataString(marker)}");
        var bySample = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={Uri.EscapeDataString("サンプル " + marker)}");
        var byTwoKanji = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={Uri.EscapeDataString("髙橋 " + marker)}");
        var byHalfWidthKana = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={Uri.EscapeDataString("ｻﾝﾌﾟﾙ " + marker)}");
        var byEmailPart = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={Uri.EscapeDataString("example.jp " + marker)}");
        var nothing = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={Uri.EscapeDataString("サンプルX " + marker)}");

        var item = Assert.Single(unassigned.GetProperty("items").EnumerateArray());
        Assert.Equal(reference, item.GetProperty("reference").GetString());
        Assert.Equal("株式会社サンプル", item.GetProperty("organizationName").GetString());
        Assert.Equal("ok", item.GetProperty("dueState").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("assignee").ValueKind);
        Assert.Equal([reference], References(bySample));
        Assert.Equal([reference], References(byTwoKanji));
        Assert.Equal([reference], References(byHalfWidthKana));
        Assert.Equal([reference], References(byEmailPart));
        Assert.Empty(References(nothing));
    }

    [Fact]
    public async Task Keyset_pages_walk_the_whole_result_once_in_order()
    {
        var marker = Marker();
        var submitted = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var body = Infrastructure.Inquiries.Worker();
            body["subject"] = $"移住 {marker}";
            submitted.Add(await SubmitAsync(body));
        }
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await consultant.GetFromJsonAsync<JsonElement>(
                $"/api/v1/cases?q={Uri.EscapeDataString(marker)}&sort=submitted-asc&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(References(page));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(submitted, seen);
    }

    [Fact]
    public async Task A_word_that_fills_the_page_is_found_by_walking_the_queue_with_the_same_pages_and_count_as_the_index()
    {
        var marker = Marker();
        var submitted = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var body = i % 2 == 0 ? Infrastructure.Inquiries.Worker() : Infrastructure.Inquiries.Company();
            body["subject"] = $"地方拠点の相談 {marker}";
            submitted.Add(await SubmitAsync(body));
        }
        var other = Infrastructure.Inquiries.Worker();
        other["subject"] = $"地方拠点 {marker[..^1]}";
        await SubmitAsync(other);
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        var q = Uri.EscapeDataString($"{marker} 拠点");

        // limit=2: five matches fill every page but the last within the first cases of the newest-first walk.
        var first = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={q}&sort=submitted-desc&limit=2");
        var second = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={q}&sort=submitted-desc&limit=2&cursor={first.GetProperty("nextCursor").GetString()}");
        var third = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={q}&sort=submitted-desc&limit=2&cursor={second.GetProperty("nextCursor").GetString()}");
        var back = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={q}&sort=submitted-desc&limit=2&before={third.GetProperty("previousCursor").GetString()}");
        var workers = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={q}&sort=submitted-desc&limit=2&inquirerType=worker");
        // limit=50: the page is not filled, so the full-text index answers, with the exact count.
        var indexed = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={q}&sort=submitted-desc");

        var newestFirst = Enumerable.Reverse(submitted).ToList();
        Assert.Equal(newestFirst[..2], References(first));
        Assert.Equal(newestFirst[2..4], References(second));
        Assert.Equal(newestFirst[4..], References(third));
        Assert.Equal(JsonValueKind.Null, third.GetProperty("nextCursor").ValueKind);
        Assert.Equal(newestFirst[2..4], References(back));
        Assert.Equal([submitted[4], submitted[2]], References(workers));
        Assert.Equal(newestFirst, References(indexed));
        Assert.Equal(5, indexed.GetProperty("total").GetInt32());
        Assert.False(indexed.GetProperty("totalCapped").GetBoolean());
        // The walk counts the matches among the first cases of the filters: all five here, since they are the newest;
        // a lower bound (totalCapped) when the filters hold more cases than the walk reads.
        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.Equal(5, third.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_resolved_case_leaves_the_search_of_open_cases_and_returns_to_it_when_reopened()
    {
        var marker = Marker();
        var body = Infrastructure.Inquiries.Company();
        body["subject"] = $"拠点の相談 {marker}";
        var reference = await SubmitAsync(body);
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        async Task<List<string>> FoundAsync(string filter = "") =>
            References(await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={Uri.EscapeDataString(marker)}{filter}"));
        async Task MoveAsync(string to) =>
            Assert.Equal(HttpStatusCode.OK, (await consultant.PostAsJsonAsync($"/api/v1/cases/{reference}/transitions", new { to })).StatusCode);

        // The default scope and open statuses ask the index of open cases; any other status the index of every case.
        var whileNew = await FoundAsync();
        Assert.Equal(HttpStatusCode.OK, (await consultant.PostAsync($"/api/v1/cases/{reference}/claim", null)).StatusCode);
        await MoveAsync("triaged");
        var whileTriaged = await FoundAsync("&status=triaged,in-consultation");
        await MoveAsync("resolved");
        var openWhileResolved = await FoundAsync();
        var triagedWhileResolved = await FoundAsync("&status=triaged,in-consultation");
        var resolved = await FoundAsync("&status=resolved,closed");
        await MoveAsync("in-consultation");
        var reopened = await FoundAsync();
        var resolvedWhileReopened = await FoundAsync("&status=resolved,closed");

        Assert.Equal([reference], whileNew);
        Assert.Equal([reference], whileTriaged);
        Assert.Empty(openWhileResolved);
        Assert.Empty(triagedWhileResolved);
        Assert.Equal([reference], resolved);
        Assert.Equal([reference], reopened);
        Assert.Empty(resolvedWhileReopened);
    }

    [Fact]
    public async Task A_search_of_the_open_cases_orders_them_by_the_due_time_a_first_reply_moves()
    {
        var marker = Marker();
        var earlier = await SubmitAsync(Infrastructure.Inquiries.Company(), $"サテライトオフィスの相談 {marker}");
        var later = await SubmitAsync(Infrastructure.Inquiries.Company(), $"補助金の相談 {marker}");
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        // A few matches: the walk cannot fill a page, so the open cases' index answers, ordering by the due time beside
        // each document.
        async Task<List<string>> FoundAsync() =>
            References(await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={Uri.EscapeDataString(marker)}"));
        var beforeReply = await FoundAsync();

        // The first reply meets the first-response deadline: the case is next due at its resolution deadline, weeks later.
        Assert.Equal(HttpStatusCode.OK, (await consultant.PostAsync($"/api/v1/cases/{earlier}/claim", null)).StatusCode);
        Assert.True((await consultant.PostAsJsonAsync($"/api/v1/cases/{earlier}/messages",
            new { subject = "ご相談の件", body = "ご連絡ありがとうございます。" })).IsSuccessStatusCode);
        var afterReply = await FoundAsync();

        Assert.Equal([earlier, later], beforeReply);
        Assert.Equal([later, earlier], afterReply);
    }

    [Fact]
    public async Task The_open_cases_index_gives_the_page_from_a_position_both_ways_with_the_count_of_every_match()
    {
        var marker = Marker();
        var first = await SubmitAsync(Infrastructure.Inquiries.Company(), $"サテライトオフィスの相談 {marker}");
        var second = await SubmitAsync(Infrastructure.Inquiries.Worker(), $"移住の相談 {marker}");
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        // Two matches cannot fill a page, so the open cases' index answers, placing each match by the due time and reference
        // beside its document; the count is every match's, whichever page is asked.
        var search = $"/api/v1/cases?q={Uri.EscapeDataString(marker)}";
        var all = await consultant.GetFromJsonAsync<JsonElement>(search);
        string At(int index) => ListCases.Cursor.Encode(new ListCases.Cursor(
            all.GetProperty("items")[index].GetProperty("firstResponseDueAt").GetDateTime().ToUniversalTime(), References(all)[index]));

        var after = await consultant.GetFromJsonAsync<JsonElement>($"{search}&cursor={At(0)}");
        var before = await consultant.GetFromJsonAsync<JsonElement>($"{search}&before={At(1)}");
        var past = await consultant.GetFromJsonAsync<JsonElement>($"{search}&cursor={At(1)}");

        Assert.Equal([first, second], References(all));
        Assert.Equal([second], References(after));
        Assert.Equal([first], References(before));
        Assert.Empty(References(past));
        Assert.All(new[] { all, after, before, past }, page => Assert.Equal(2, page.GetProperty("total").GetInt32()));
        Assert.All(new[] { all, after, before, past }, page => Assert.False(page.GetProperty("totalCapped").GetBoolean()));
    }

    [Fact]
    public async Task A_search_of_the_open_cases_walks_their_copy_in_due_order_both_ways_with_the_due_time_a_first_reply_moves()
    {
        var marker = Marker();
        var submitted = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var body = Infrastructure.Inquiries.Company();
            body["subject"] = $"テレワーク規程の相談 {marker}";
            submitted.Add(await SubmitAsync(body));
        }
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        // The first reply moves the oldest case's due time to its resolution deadline, weeks after the others'.
        var replied = submitted[0];
        Assert.Equal(HttpStatusCode.OK, (await consultant.PostAsync($"/api/v1/cases/{replied}/claim", null)).StatusCode);
        Assert.True((await consultant.PostAsJsonAsync($"/api/v1/cases/{replied}/messages",
            new { subject = "ご相談の件", body = "ご連絡ありがとうございます。" })).IsSuccessStatusCode);
        var q = Uri.EscapeDataString(marker);
        async Task<JsonElement> PageAsync(string rest) => await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={q}{rest}");

        // limit=2 in due order, latest first: the replied case leads, and five matches fill the pages within the first cases
        // walked. limit=50: the page cannot fill, so the open cases' index answers the whole list.
        var first = await PageAsync("&sort=due-desc&limit=2");
        var second = await PageAsync($"&sort=due-desc&limit=2&cursor={first.GetProperty("nextCursor").GetString()}");
        var third = await PageAsync($"&sort=due-desc&limit=2&cursor={second.GetProperty("nextCursor").GetString()}");
        var back = await PageAsync($"&sort=due-desc&limit=2&before={third.GetProperty("previousCursor").GetString()}");
        var ascending = new List<string>();
        for (var page = await PageAsync("&limit=2"); ; page = await PageAsync($"&limit=2&cursor={page.GetProperty("nextCursor").GetString()}"))
        {
            ascending.AddRange(References(page));
            if (page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null || ascending.Count > 5) break;
        }
        var indexed = References(await PageAsync("&limit=50"));

        Assert.Equal(5, indexed.Count);
        Assert.Equal(replied, indexed[^1]);
        var latestFirst = Enumerable.Reverse(indexed).ToList();
        Assert.Equal(latestFirst[..2], References(first));
        Assert.Equal(latestFirst[2..4], References(second));
        Assert.Equal(latestFirst[4..], References(third));
        Assert.Equal(latestFirst[2..4], References(back));
        Assert.Equal(indexed, ascending);
    }

    [Fact]
    public async Task The_topic_filter_tests_the_cases_topic_bits_which_intake_sets_and_the_upgrade_fills_from_the_topics()
    {
        var marker = Marker();
        var body = Infrastructure.Inquiries.Municipality();
        body["subject"] = $"交付金 {marker}";
        body["topics"] = new System.Text.Json.Nodes.JsonArray("matching", "other");
        var reference = await SubmitAsync(body);
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");

        var byMatching = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={marker}&topic=matching");
        var byOther = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={marker}&topic=other");
        var bySubsidies = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={marker}&topic=subsidies");
        Assert.Equal([reference], References(byMatching));
        Assert.Equal([reference], References(byOther));
        Assert.Empty(References(bySubsidies));

        // The migration's own SQL, run on every case of this database with the bits cleared first (then rolled back):
        // it must give each case the bits its topic rows give in code, so its frozen literals agree with Topic.All.
        var (mismatches, checkedCases) = await app.WithDbAsync(async db =>
        {
            var migrations = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>();
            var type = migrations.Migrations.Single(m => m.Key.EndsWith("_QueueCountIndexes", StringComparison.Ordinal)).Value;
            var migration = migrations.CreateMigration(type, db.Database.ProviderName!);
            var fill = Assert.Single(migration.UpOperations.OfType<Microsoft.EntityFrameworkCore.Migrations.Operations.SqlOperation>()).Sql;

            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Cases" SET "TopicMask" = 0""");
            await db.Database.ExecuteSqlRawAsync(fill);
            var stored = await db.Cases.AsNoTracking().Select(c => new { c.Id, c.TopicMask }).ToDictionaryAsync(c => c.Id, c => c.TopicMask);
            var topics = (await db.CaseTopics.AsNoTracking().Select(t => new { t.CaseId, t.Topic }).ToListAsync())
                .GroupBy(t => t.CaseId).ToDictionary(g => g.Key, g => ConsultDesk.Domain.Topic.MaskOf(g.Select(t => t.Topic)));
            await transaction.RollbackAsync();
            return (stored.Count(c => c.Value != topics.GetValueOrDefault(c.Key)), stored.Count);
        });
        Assert.True(checkedCases > 0);
        Assert.Equal(0, mismatches);
        var kept = await app.WithDbAsync(db => db.Cases.Where(c => c.Reference == reference).Select(c => c.TopicMask).SingleAsync());
        Assert.Equal(ConsultDesk.Domain.Topic.MaskOf(["matching", "other"]), kept);
    }

    [Fact]
    public async Task Finished_cases_in_due_order_page_by_reference_both_ways()
    {
        var marker = Marker();
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        var closed = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var body = Infrastructure.Inquiries.Company();
            body["subject"] = $"取り下げ {marker}";
            var reference = await SubmitAsync(body);
            (await consultant.PostAsync($"/api/v1/cases/{reference}/claim", null)).EnsureSuccessStatusCode();
            (await consultant.PostAsJsonAsync($"/api/v1/cases/{reference}/transitions", new { to = "closed", reason = "withdrawn" })).EnsureSuccessStatusCode();
            closed.Add(reference);
        }
        var list = $"/api/v1/cases?status=closed&q={Uri.EscapeDataString(marker)}&limit=2";

        var first = await consultant.GetFromJsonAsync<JsonElement>(list);
        var second = await consultant.GetFromJsonAsync<JsonElement>($"{list}&cursor={first.GetProperty("nextCursor").GetString()}");
        var back = await consultant.GetFromJsonAsync<JsonElement>($"{list}&before={second.GetProperty("previousCursor").GetString()}");
        var newestFirst = await consultant.GetFromJsonAsync<JsonElement>($"{list}&sort=due-desc");
        // Both finished statuses: the same reference order, walked from the newest (the four are the newest finished cases,
        // so they fill the pages within the walk's first step) or answered by the index (limit 50 cannot be filled).
        var both = $"/api/v1/cases?status=resolved,closed&q={Uri.EscapeDataString(marker)}";
        var bothFirst = await consultant.GetFromJsonAsync<JsonElement>($"{both}&limit=2&sort=due-desc");
        var bothSecond = await consultant.GetFromJsonAsync<JsonElement>($"{both}&limit=2&sort=due-desc&cursor={bothFirst.GetProperty("nextCursor").GetString()}");
        var bothIndexed = await consultant.GetFromJsonAsync<JsonElement>(both);
        // And listed with no search, both ways: the consultant's only cases are these four finished ones.
        var listed = "/api/v1/cases?status=resolved,closed&assignee=me&limit=3";
        var listedFirst = await consultant.GetFromJsonAsync<JsonElement>(listed);
        var listedSecond = await consultant.GetFromJsonAsync<JsonElement>($"{listed}&cursor={listedFirst.GetProperty("nextCursor").GetString()}");
        var listedBack = await consultant.GetFromJsonAsync<JsonElement>($"{listed}&before={listedSecond.GetProperty("previousCursor").GetString()}");

        Assert.Equal(closed[..2], References(first));
        Assert.Equal(closed[2..], References(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal(closed[..2], References(back));
        Assert.Equal([closed[3], closed[2]], References(newestFirst));
        Assert.Equal(4, first.GetProperty("total").GetInt32());
        Assert.Equal([closed[3], closed[2]], References(bothFirst));
        Assert.Equal([closed[1], closed[0]], References(bothSecond));
        Assert.Equal(closed, References(bothIndexed));
        Assert.Equal(closed[..3], References(listedFirst));
        Assert.Equal(closed[3..], References(listedSecond));
        Assert.Equal(closed[..3], References(listedBack));
        Assert.Equal(4, listedFirst.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Filters_combine()
    {
        var marker = Marker();
        var worker = Infrastructure.Inquiries.Worker();
        worker["subject"] = $"ワーケーション {marker}";
        var workerReference = await SubmitAsync(worker);
        var company = Infrastructure.Inquiries.Company();
        company["subject"] = $"ワーケーション {marker}";
        await SubmitAsync(company);
        var (consultant, consultantId) = await Staff.NewUserAsync(app, "consultant");

        var filtered = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={Uri.EscapeDataString(marker)}&inquirerType=worker&prefectureCode=47&topic=workation&status=new");
        var wrongTopic = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={Uri.EscapeDataString(marker)}&inquirerType=worker&topic=subsidies");
        await consultant.PostAsync($"/api/v1/cases/{workerReference}/claim", null);
        var mine = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={Uri.EscapeDataString(marker)}&assignee=me");
        var byId = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={Uri.EscapeDataString(marker)}&assignee={consultantId}");
        var overdue = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={Uri.EscapeDataString(marker)}&due=overdue");

        Assert.Equal([workerReference], References(filtered));
        Assert.Empty(References(wrongTopic));
        Assert.Equal([workerReference], References(mine));
        Assert.Equal([workerReference], References(byId));
        Assert.Empty(References(overdue));
    }

    [Fact]
    public async Task An_email_phone_or_reference_finds_its_case_exactly_through_its_index_and_keeps_the_other_filters()
    {
        var n = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = Infrastructure.Inquiries.Company($"Taro{n}+Desk@Example.jp");
        body["contact"]!["phone"] = $"03-{n[..4]}-{n[4..]}";
        var reference = await SubmitAsync(body);
        // The near miss: one digit off in the address's local part and the phone.
        var other = Infrastructure.Inquiries.Company($"taro{n}1@example.jp");
        other["contact"]!["phone"] = $"03-{n[..4]}-{n[4..7]}{(n[7] == '9' ? '0' : (char)(n[7] + 1))}";
        var otherReference = await SubmitAsync(other);
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        async Task<JsonElement> Get(string q, string filters = "") =>
            await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={Uri.EscapeDataString(q)}{filters}");

        string[] spellings =
        [
            $"taro{n}@example.jp", $"  TARO{n}@EXAMPLE.JP ", $"taro{n}+desk@example.jp", $"taro{n}+other@example.jp",
            $"03-{n[..4]}-{n[4..]}", $"03{n}", string.Concat($"０３－{n[..4]}－{n[4..]}".Select(c => c is >= '0' and <= '9' ? (char)(c - '0' + '０') : c)),
            $"+81 3 {n[..4]} {n[4..]}", $"(03) {n[..4]}-{n[4..]}",
            reference, reference.ToLowerInvariant(),
        ];
        foreach (var spelling in spellings)
        {
            var page = await Get(spelling);
            Assert.True(page.GetProperty("lookupFound").GetBoolean(), spelling);
            Assert.Equal([reference], References(page));
            Assert.Equal(1, page.GetProperty("total").GetInt32());
        }
        Assert.Equal("email", (await Get($"taro{n}@example.jp")).GetProperty("lookup").GetString());
        Assert.Equal("phone", (await Get($"03{n}")).GetProperty("lookup").GetString());
        Assert.Equal("reference", (await Get(reference)).GetProperty("lookup").GetString());
        Assert.Equal([otherReference], References(await Get($"taro{n}1@example.jp")));

        // Near misses name no case. What the page then shows is the free-text search for the same words, which can
        // match by chance (the random digits may hold "2099" or part of a reference), so only the address is checked.
        var missedYear = reference[..3] + "2099" + reference[7..];
        foreach (var miss in new[] { $"taro{n}2@example.jp", $"03-{n[..4]}-{n[4..7]}{(n[7] == '0' ? '9' : (char)(n[7] - 1))}", missedYear })
            Assert.False((await Get(miss)).GetProperty("lookupFound").GetBoolean(), miss);
        Assert.Empty(References(await Get($"taro{n}2@example.jp")));
        // Free text is still free text: part of the address finds both cases (and is no lookup).
        var part = await Get($"taro{n}");
        Assert.Equal(JsonValueKind.Null, part.GetProperty("lookup").ValueKind);
        Assert.Equal(new[] { reference, otherReference }.Order(), References(part).Order());

        // The other filters still apply to an exact lookup.
        Assert.Equal([reference], References(await Get(reference, "&assignee=unassigned&inquirerType=company&prefectureCode=13&status=new")));
        Assert.Empty(References(await Get(reference, "&prefectureCode=47")));
        Assert.Empty(References(await Get($"taro{n}@example.jp", "&status=closed")));
        Assert.Empty(References(await Get($"03{n}", "&assignee=me")));

        AssertLookupUsesIndex(await ExplainLookupAsync("\"EmailKey\" = 'taro@example.jp'"), "IX_Cases_EmailKey_SubmittedAt");
        AssertLookupUsesIndex(await ExplainLookupAsync("\"Phone\" = '0312345678'"), "IX_Cases_Phone");
        AssertLookupUsesIndex(await ExplainLookupAsync("\"Reference\" = 'CD-2026-000001'"), "IX_Cases_Reference");
    }

    /// <summary>The plan of the queue's page query for an exact lookup (no status filter, the default sort).</summary>
    protected abstract Task<string> ExplainLookupAsync(string condition);

    private static void AssertLookupUsesIndex(string plan, string index) =>
        Assert.Matches($"{index}\\b", plan);

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=ten")]
    [InlineData("sort=priority")]
    [InlineData("status=pending")]
    [InlineData("due=tomorrow")]
    [InlineData("assignee=someone")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("before=not-a-cursor")]
    [InlineData("prefectureCode=99")]
    public async Task Bad_queue_parameters_are_problems(string parameters)
    {
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");

        var response = await consultant.GetAsync($"/api/v1/cases?{parameters}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Anonymous_queue_is_401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/cases")).StatusCode);

    protected abstract Task<string> ExplainSearchAsync();
    protected abstract Task<string> ExplainQueueAsync();

    [Fact]
    public async Task Search_and_the_queue_sort_go_through_indexes()
    {
        var search = await ExplainSearchAsync();
        var queue = await ExplainQueueAsync();

        AssertSearchUsesIndex(search);
        AssertQueueUsesIndex(queue);
    }

    protected abstract Task<string> ExplainCountAsync();

    [Fact]
    public async Task The_capped_count_of_the_open_queue_seeks_the_status_index() =>
        Assert.Contains("IX_Cases_Status_", await ExplainCountAsync(), StringComparison.Ordinal);

    protected abstract void AssertSearchUsesIndex(string plan);
    protected abstract void AssertQueueUsesIndex(string plan);

    protected async Task<string> ExplainAsync(string sql, string? setup = null)
    {
        return await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            if (setup is not null)
            {
                await using var set = connection.CreateCommand();
                set.Transaction = transaction;
                set.CommandText = setup;
                await set.ExecuteNonQueryAsync();
            }
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) lines.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
            return string.Join("\n", lines);
        });
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteQueueTests(SqliteApp app) : QueueTests(app)
{
    protected override Task<string> ExplainSearchAsync() => ExplainAsync(
        // The same shape as CaseSearchQuery's SQLite query.
        """EXPLAIN QUERY PLAN SELECT d."CaseId" FROM "CaseSearchDocuments" d WHERE d."Id" IN (SELECT rowid FROM "CaseSearchIndex" WHERE "CaseSearchIndex" MATCH '"サン ンプ プル"' ORDER BY rowid DESC LIMIT 2000)""");

    protected override Task<string> ExplainQueueAsync() => ExplainAsync(
        """EXPLAIN QUERY PLAN SELECT "Reference" FROM "Cases" WHERE "Status" NOT IN ('resolved', 'closed') ORDER BY "DueAt", "Reference" LIMIT 51""");

    // The shape ListCases counts the open queue in: open as a list of statuses, capped at ListCases.CountCap + 1, no order.
    private const string OpenCount =
        """SELECT COUNT(*) FROM (SELECT 1 FROM "Cases" WHERE "Status" IN ('new', 'triaged', 'in-consultation', 'in-support', 'matching', 'waiting-on-inquirer') LIMIT 1001) t""";

    protected override Task<string> ExplainCountAsync() => ExplainAsync("EXPLAIN QUERY PLAN " + OpenCount);

    protected override void AssertSearchUsesIndex(string plan) => Assert.Contains("VIRTUAL TABLE INDEX", plan, StringComparison.Ordinal);

    [Fact]
    public async Task Both_finished_statuses_are_listed_in_an_index_order_without_a_sort()
    {
        // As "Status IN ('resolved', 'closed')", SQLite read both statuses' cases from the status index and sorted them
        // (at 10^6: 943,000 cases, 3–3.8 s a page).
        var both = new ListCases.Query { Statuses = [ConsultDesk.Domain.CaseStatus.Resolved, ConsultDesk.Domain.CaseStatus.Closed] };
        var (due, submitted) = await app.WithDbAsync(db => Task.FromResult((
            ListCases.InDeadlineRange(db, ListCases.Filter(db, both, null!, null!, DateTime.UtcNow), both, "due")
                .OrderBy(c => c.DueAt).ThenBy(c => c.Reference).Take(51).Select(c => c.Reference).ToQueryString(),
            ListCases.Filter(db, both with { Sort = "submitted-desc" }, null!, null!, DateTime.UtcNow)
                .OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Reference).Take(51).Select(c => c.Reference).ToQueryString())));
        var duePlan = await ExplainAsync("EXPLAIN QUERY PLAN " + Statement(due));
        var submittedPlan = await ExplainAsync("EXPLAIN QUERY PLAN " + Statement(submitted));

        Assert.Contains("USING INDEX IX_Cases_DueAt_Reference (DueAt=?)", duePlan, StringComparison.Ordinal);
        Assert.Contains("USING INDEX IX_Cases_SubmittedAt_Reference", submittedPlan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", duePlan + submittedPlan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_of_finished_cases_says_which_matches_are_finished_from_one_index_alone()
    {
        // Through each match's document and case, status=resolved,closed&q=函館 read 2,000 of each (66 ms p95 at 10^6). The
        // test database has no statistics; at 10^6 they misled SQLite into reading every finished case, so the SQL fixes the
        // order that this plan shows.
        var both = new ListCases.Query { Statuses = [ConsultDesk.Domain.CaseStatus.Resolved, ConsultDesk.Domain.CaseStatus.Closed] };
        var closed = both with { Statuses = [ConsultDesk.Domain.CaseStatus.Closed] };
        string[] references = ["CD-2026-000001", "CD-2026-000002"];
        var (bothSql, closedSql) = await app.WithDbAsync(db => Task.FromResult((
            ListCases.FinishedAmong(db, both, references).ToQueryString(), ListCases.FinishedAmong(db, closed, references).ToQueryString())));

        foreach (var plan in new[] { await ExplainAsync("EXPLAIN QUERY PLAN " + Statement(bothSql)), await ExplainAsync("EXPLAIN QUERY PLAN " + Statement(closedSql)) })
        {
            // The list first, then one seek of the index per reference and status (not a read of every finished case).
            Assert.Matches("SCAN j VIRTUAL TABLE[^\n]*\n[^\n]*SEARCH c USING COVERING INDEX IX_Cases_Status_DueAt_Reference \\(Status=\\? AND DueAt=\\? AND Reference=\\?\\)", plan);
        }
    }

    /// <summary>
    /// The statement of <c>ToQueryString</c>'s SQL: it declares the parameters in ".param set" lines first; unbound, they
    /// are NULL, which the plan ignores.
    /// </summary>
    private static string Statement(string sql) => string.Join('\n', sql.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));

    protected override Task<string> ExplainLookupAsync(string condition) => ExplainAsync(
        $"""EXPLAIN QUERY PLAN SELECT "Reference" FROM "Cases" WHERE {condition} ORDER BY "DueAt", "Reference" LIMIT 26""");

    protected override void AssertQueueUsesIndex(string plan)
    {
        Assert.Contains("IX_Cases_DueAt_Reference", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresQueueTests(PostgresApp app) : QueueTests(app)
{
    // A test database is tiny, so the planner would rightly prefer a sequential scan; forbidding it shows the index applies.
    private const string NoSeqScan = "SET LOCAL enable_seqscan = off";

    protected override Task<string> ExplainSearchAsync() => ExplainAsync(
        """EXPLAIN SELECT d."CaseId" FROM "CaseSearchDocuments" d WHERE string_to_array(d."Tokens", ' ') @> ARRAY['サン','ンプ','プル'] AND strpos(d."Text", 'サンプル') > 0 LIMIT 2000""",
        NoSeqScan);

    protected override Task<string> ExplainQueueAsync() => ExplainAsync(
        """EXPLAIN SELECT "Reference" FROM "Cases" WHERE "Status" NOT IN ('resolved', 'closed') ORDER BY "DueAt", "Reference" LIMIT 51""",
        NoSeqScan + "; SET LOCAL enable_sort = off");

    protected override Task<string> ExplainCountAsync() => ExplainAsync(
        """EXPLAIN SELECT COUNT(*) FROM (SELECT 1 FROM "Cases" WHERE "Status" IN ('new', 'triaged', 'in-consultation', 'in-support', 'matching', 'waiting-on-inquirer') LIMIT 1001) t""",
        // On a tiny table a full scan of any index with a filter can cost less than six seeks, so which index wins depended
        // on the test database's statistics. A bitmap scan needs an index condition: left only that, the planner shows
        // whether the IN-list shape can seek an index that leads with Status.
        NoSeqScan + "; SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off");

    protected override void AssertSearchUsesIndex(string plan) => Assert.Contains("IX_CaseSearchDocuments_TokenArray", plan, StringComparison.Ordinal);

    protected override Task<string> ExplainLookupAsync(string condition) => ExplainAsync(
        $"""EXPLAIN SELECT "Reference" FROM "Cases" WHERE {condition} ORDER BY "DueAt", "Reference" LIMIT 26""", NoSeqScan);

    protected override void AssertQueueUsesIndex(string plan) => Assert.Contains("IX_Cases_DueAt_Reference", plan, StringComparison.Ordinal);

    [Fact]
    public async Task One_status_filter_is_an_equality_so_the_status_index_gives_the_sort()
    {
        // PostgreSQL walks (Status, DueAt, Reference) in order only for "Status = x"; "= ANY('{x}')" made it sort every
        // match (inquirerType=municipality&status=in-consultation at 10^6: p50 54 ms). A test database is too small for
        // the planner to show it, so this checks the SQL's shape; the README gives the plan measured at 10^6.
        var sql = await app.WithDbAsync(db => Task.FromResult(ConsultDesk.Features.Cases.ListCases
            .Filter(db, new ConsultDesk.Features.Cases.ListCases.Query { Statuses = [ConsultDesk.Domain.CaseStatus.InConsultation], InquirerType = ConsultDesk.Domain.InquirerType.Municipality },
                null!, null!, DateTime.UtcNow)
            .OrderBy(c => c.DueAt).ThenBy(c => c.Reference).Select(c => c.Reference).Take(26).ToQueryString()));
        Assert.Contains("\"Status\" = @", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("ANY", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_position_is_a_row_comparison_that_the_due_index_reads_as_one_range()
    {
        // Every case submitted on one day shares its due time. As "DueAt > x OR (DueAt = x AND Reference > y)", PostgreSQL
        // combined two bitmap scans and sorted every case of that day (4,300 at 10^4 after the bench's intake: 25–34 ms per
        // walk step); a row comparison is one range of the (DueAt, Reference) index, read in order up to the page.
        var due = new DateTime(2026, 12, 8, 8, 0, 0, DateTimeKind.Utc);
        var (walk, queue) = await app.WithDbAsync(db => Task.FromResult((
            ConsultDesk.Features.Cases.CaseSearchQuery.OpenInDueOrder(db, (due, "CD-2026-000100"), descending: false).Take(200).ToQueryString(),
            ConsultDesk.Features.Cases.ListCases.Filter(db, new ConsultDesk.Features.Cases.ListCases.Query(), null!, null!, due)
                .After(c => c.DueAt, c => c.Reference, due, "CD-2026-000100", descending: true, rowValues: true)
                .Select(c => c.Reference).ToQueryString())));
        var plan = await ExplainAsync(
            """EXPLAIN SELECT "CaseId" FROM "OpenCaseSearchDocuments" WHERE ("DueAt", "Reference") > ('2026-12-08 08:00:00+00', 'CD-2026-000100') ORDER BY "DueAt", "Reference" LIMIT 200""",
            NoSeqScan + "; SET LOCAL enable_sort = off; SET LOCAL enable_bitmapscan = off");

        Assert.Contains("(o.\"DueAt\", o.\"Reference\") > (@", walk, StringComparison.Ordinal);
        Assert.Contains("(c.\"DueAt\", c.\"Reference\") < (@", queue, StringComparison.Ordinal);
        Assert.DoesNotContain(" OR ", walk, StringComparison.Ordinal);
        Assert.Matches("""IX_OpenCaseSearchDocuments_DueAt_Reference[^\n]*\n[^\n]*Index Cond: \(ROW\("DueAt", [^\n]*"Reference"[^\n]*\) > ROW\(""", plan);
    }
}
