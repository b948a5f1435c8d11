using System.Data.Common;
using Dapper;
using Framecast.Infrastructure.Data;

namespace Framecast.Features.Search;

/// <summary>
/// SQLite FTS5 (migration 0014): <c>search_videos</c> (unicode61 words: bm25 with the title weighted most, prefixes, and
/// its vocabulary for typos) and <c>search_videos_tri</c> (trigrams: any substring of 3+ characters; 2-character CJK
/// runs become the trigrams that begin with them, read from its vocabulary).
/// </summary>
public sealed class SqliteSearchIndex(DbConnectionFactory connections) : ISearchIndex
{
    private const int MaxTrigramsPerPair = 256;
    private const string HasPrefix = "SELECT 1 FROM search_videos_vocab WHERE term >= @from AND term < @to LIMIT 1";
    private const string Candidates = "SELECT term FROM search_videos_vocab WHERE term >= @from AND term < @to AND length(term) BETWEEN @min AND @max LIMIT @limit";

    public async Task<IReadOnlyList<string>> FindVideoIdsAsync(SearchText text, SearchQuery query, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var (words, cjk) = await MatchesAsync(connection, text, column: null, cancellationToken);
        if (words is null && cjk is null)
        {
            return [];
        }
        var sql = VideoSql(words is not null, cjk is not null, query);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(sql, new
        {
            words, cjk, since = connections.Time(SearchSql.Since(query.Uploaded, now)), take = query.Limit + 1, skip = query.Offset,
        }, cancellationToken: cancellationToken));
        return ids.AsList();
    }

    /// <summary>The video search for a query with words (<c>@words</c>), CJK runs (<c>@cjk</c>) or both; public for the query-plan test.</summary>
    public static string VideoSql(bool words, bool cjk, SearchQuery query) => $"""
        WITH {Matches(words, cjk, ranked: query.Sort == SearchSort.Relevance)},
        {SearchSql.Page(FromDocs, words && cjk ? CjkFilter : "", query, "-m.rank", "CROSS JOIN")}
        """;

    private const string CjkFilter = " AND d.doc_id IN (SELECT rowid FROM search_videos_tri WHERE search_videos_tri MATCH @cjk)";

    /// <summary>
    /// The full-text match <c>m</c> (<c>doc</c>, and <c>rank</c> when <paramref name="ranked"/>), materialized once: the
    /// words' bm25 (title ×10, tags ×5) when there are words, else the substrings'.
    /// </summary>
    private static string Matches(bool words, bool cjk, bool ranked) => $"""
        m AS MATERIALIZED ({(words
            ? $"SELECT rowid AS doc{(ranked ? ", bm25(search_videos, 10.0, 1.0, 5.0) AS rank" : "")} FROM search_videos WHERE search_videos MATCH @words"
            : $"SELECT rowid AS doc{(ranked ? ", bm25(search_videos_tri, 5.0, 1.0) AS rank" : "")} FROM search_videos_tri WHERE search_videos_tri MATCH @cjk")})
        """;

    /// <summary>
    /// From the match to its search documents <c>d</c> by key (CROSS JOIN keeps SQLite from starting at the documents and
    /// re-running the match for each); <c>d</c> holds what the page is sorted and filtered by, so only the page's rows
    /// are then read from videos and owners.
    /// </summary>
    private const string FromDocs = "FROM m CROSS JOIN search_video_docs d ON d.doc_id = m.doc";

    public async Task<IReadOnlyList<ChannelResult>> FindChannelsAsync(IReadOnlyList<string> words, int offset, int take, CancellationToken cancellationToken)
    {
        var args = new DynamicParameters(new { whole = string.Join("_", words), first = words[0], firstLength = words[0].Length, take, skip = offset });
        var conditions = new List<string>();
        var longWords = words.Where(w => w.Length >= 3).ToList();
        if (longWords.Count > 0)
        {
            conditions.Add("u.username IN (SELECT username FROM search_channels WHERE search_channels MATCH @match)");
            args.Add("match", string.Join(" ", longWords.Select(Quote)));
        }
        else
        {
            conditions.Add("u.username >= @first AND u.username < @firstEnd");
            args.Add("firstEnd", SearchText.PrefixEnd(words[0]));
        }
        for (var i = 0; i < words.Count; i++)
        {
            conditions.Add($"instr(u.username, @w{i}) > 0");
            args.Add($"w{i}", words[i]);
        }
        var sql = $"SELECT {SearchSql.ChannelColumns} FROM users u WHERE u.banned_at IS NULL AND {string.Join(" AND ", conditions)} ORDER BY {SearchSql.ChannelOrder} LIMIT @take OFFSET @skip";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ChannelResult>(new CommandDefinition(sql, args, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyList<SuggestionCandidate>> SuggestAsync(string prefix, SearchText text, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var range = new { from = prefix, to = SearchText.PrefixEnd(prefix) };
        var found = (await connection.QueryAsync<SuggestionCandidate>(new CommandDefinition(SearchSql.TagSuggestions, range, cancellationToken: cancellationToken))).AsList();
        found.AddRange(await connection.QueryAsync<SuggestionCandidate>(new CommandDefinition("""
            SELECT username AS Text, 'channel' AS Kind, follower_count * 100 AS Popularity FROM users
            WHERE username >= @from AND username < @to AND banned_at IS NULL ORDER BY follower_count DESC, username LIMIT 10
            """, range, cancellationToken: cancellationToken)));
        var (words, cjk) = await MatchesAsync(connection, text, column: "title", cancellationToken);
        if (words is not null || cjk is not null)
        {
            var sql = $"""
                WITH {Matches(words is not null, cjk is not null, ranked: false)},
                p AS MATERIALIZED (
                    SELECT d.video_id, d.popularity, d.created_at {FromDocs}
                    WHERE true{(words is not null && cjk is not null ? CjkFilter : "")}
                    ORDER BY d.popularity DESC, d.created_at DESC LIMIT 10
                )
                SELECT v.title AS Text, 'video' AS Kind, {SearchSql.Popularity} AS Popularity FROM p
                CROSS JOIN videos v ON v.id = p.video_id
                CROSS JOIN users u ON u.id = v.owner_id
                WHERE {SearchSql.VisibleVideo}
                ORDER BY p.popularity DESC, p.created_at DESC
                """;
            found.AddRange(await connection.QueryAsync<SuggestionCandidate>(new CommandDefinition(sql, new { words, cjk }, cancellationToken: cancellationToken)));
        }
        return found;
    }

    /// <summary>
    /// The FTS5 expressions for the words (each word a prefix or its typo forms; all words required) and for the CJK runs;
    /// null where the query has none. A 2-character run that begins no trigram matches nothing: both come back null
    /// only when nothing can match.
    /// </summary>
    private static async Task<(string? Words, string? Cjk)> MatchesAsync(DbConnection connection, SearchText text, string? column, CancellationToken cancellationToken)
    {
        string? words = null, cjk = null;
        if (text.Words.Count > 0)
        {
            var forms = await TypoExpansion.ExpandAsync(connection, text.Words, HasPrefix, Candidates, null, cancellationToken);
            words = string.Join(" AND ", forms.Select(f => "(" + string.Join(" OR ", f.Select(w => Quote(w.Word) + (w.Prefix ? "*" : ""))) + ")"));
        }
        if (text.CjkRuns.Count > 0)
        {
            var parts = new List<string>();
            foreach (var run in text.CjkRuns)
            {
                if (run.Length >= 3)
                {
                    parts.Add(Quote(run));
                    continue;
                }
                var trigrams = (await connection.QueryAsync<string>(new CommandDefinition(
                    "SELECT term FROM search_videos_tri_vocab WHERE term >= @from AND term < @to LIMIT @limit",
                    new { from = run, to = SearchText.PrefixEnd(run), limit = MaxTrigramsPerPair }, cancellationToken: cancellationToken))).AsList();
                if (trigrams.Count == 0)
                {
                    return (null, null);
                }
                parts.Add("(" + string.Join(" OR ", trigrams.Select(Quote)) + ")");
            }
            cjk = string.Join(" AND ", parts);
        }
        return column is null ? (words, cjk) : (words is null ? null : $"{column} : ({words})", cjk is null ? null : $"{column} : ({cjk})");
    }

    private static string Quote(string term) => "\"" + term.Replace("\"", "\"\"") + "\"";
}
