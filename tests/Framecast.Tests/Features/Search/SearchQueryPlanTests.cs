using Dapper;
using Framecast.Features.Search;
using Framecast.Infrastructure.Data;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Search;

/// <summary>A search starts from the full-text index and reaches videos by key: its cost follows the hits, not the catalogue. (SQLite: without statistics its planner would start from videos.)</summary>
public sealed class SearchQueryPlanTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData(true, false, "relevance")]
    [InlineData(false, true, "relevance")]
    [InlineData(true, true, "date")]
    [InlineData(true, false, "views")]
    public async Task Sqlite_reads_the_index_and_videos_by_key(bool words, bool cjk, string sort)
    {
        var corpus = await SearchCorpus.GetAsync("sqlite");
        var query = SearchQuery.Parse("x", null, sort, "short", "week", null, null, [])!;
        await using var connection = await corpus.Host.Services.GetRequiredService<DbConnectionFactory>().OpenAsync(CancellationToken.None);
        var plan = (await connection.QueryAsync<(long, long, long, string Detail)>("EXPLAIN QUERY PLAN " + SqliteSearchIndex.VideoSql(words, cjk, query),
            new { words = "\"lisbon\"*", cjk = "\"東京タ\"", since = 0L, take = 21, skip = 0 })).Select(r => r.Detail).ToList();

        output.WriteLine(string.Join("\n", plan));
        plan.First(d => d.StartsWith("SCAN ", StringComparison.Ordinal) || d.StartsWith("SEARCH ", StringComparison.Ordinal))
            .Should().Contain("VIRTUAL TABLE INDEX", "the match runs first, in FTS5, once (not once per video)");
        plan.Should().NotContain(d => d.StartsWith("SCAN v", StringComparison.Ordinal) || d.StartsWith("SCAN videos", StringComparison.Ordinal)
            || d.StartsWith("SCAN d", StringComparison.Ordinal) || d.StartsWith("SCAN u", StringComparison.Ordinal),
            $"videos, documents and owners are reached by key; the plan was:\n{string.Join("\n", plan)}");
        plan.Should().Contain("SCAN p");
        plan.FindIndex(d => d.StartsWith("SEARCH v ", StringComparison.Ordinal)).Should().BeGreaterThan(plan.IndexOf("SCAN p"),
            "the page is chosen from the match and the search documents alone; only its rows are read from videos");
    }

    /// <summary>
    /// PostgreSQL picks sequential scans for small tables, so they are discouraged here to show that an index path exists:
    /// the tsvector GIN for words, the bigram GIN for CJK runs.
    /// </summary>
    [Theory]
    [InlineData(true, 0, "ix_search_documents_document")]
    [InlineData(false, 1, "ix_search_documents_grams")]
    public async Task Postgres_answers_from_the_gin_indexes(bool words, int cjkRuns, string index)
    {
        var corpus = await SearchCorpus.GetAsync("postgres");
        var query = SearchQuery.Parse("x", null, null, null, null, null, null, [])!;
        await using var connection = await corpus.Host.Services.GetRequiredService<DbConnectionFactory>().OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SET LOCAL enable_seqscan = off", transaction: transaction);
        var plan = string.Join("\n", await connection.QueryAsync<string>("EXPLAIN " + PostgresSearchIndex.VideoSql(words, cjkRuns, query),
            new { words = "lisbon:*", grams = new[] { "東京" }, like0 = "%東京%", since = DateTime.UtcNow, take = 21, skip = 0 }, transaction));
        output.WriteLine(plan);
        plan.Should().Contain(index);
        // The page (CTE p, from the filtered matches CTE f) comes from search_documents alone; videos and owners are joined to it after.
        var lines = plan.Split('\n');
        var ctes = lines.Select((l, i) => (l, i)).Where(x => x.l.TrimStart().StartsWith("CTE ", StringComparison.Ordinal)).ToList();
        ctes.Should().Contain(x => x.l.TrimStart() == "CTE p");
        var page = ctes.SelectMany(x => lines.Skip(x.i + 1).TakeWhile(l => l.Length - l.TrimStart().Length > x.l.Length - x.l.TrimStart().Length)).ToList();
        page.Should().Contain(l => l.Contains("search_documents")).And.NotContain(l => l.Contains("videos") || l.Contains("users"),
            $"only the page's rows are joined to videos; the plan was:\n{plan}");
    }
}
