using System.Data.Common;
using Dapper;
using Framecast.Infrastructure.Data;

namespace Framecast.Features.Search;

/// <summary>
/// PostgreSQL (migration 0014): <c>search_documents.document</c> (a weighted <c>simple</c> tsvector, GIN: words and
/// <c>:*</c> prefixes, ranked with ts_rank), <c>grams</c> (the text's CJK bigrams, GIN: a run of 2+ characters is looked
/// up by its bigrams and confirmed with LIKE), <c>search_terms</c> (the vocabulary typo expansion reads) and pg_trgm on
/// channel names.
/// </summary>
public sealed class PostgresSearchIndex(DbConnectionFactory connections) : ISearchIndex
{
    private const string HasPrefix = "SELECT 1 FROM search_documents WHERE document @@ to_tsquery('simple', @query) LIMIT 1";
    private const string Candidates = "SELECT term FROM search_terms WHERE term >= @from AND term < @to AND char_length(term) BETWEEN @min AND @max LIMIT @limit";

    public async Task<IReadOnlyList<string>> FindVideoIdsAsync(SearchText text, SearchQuery query, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var args = new DynamicParameters(new { since = SearchSql.Since(query.Uploaded, now), take = query.Limit + 1, skip = query.Offset });
        await AddArgumentsAsync(connection, text, titleOnly: false, args, cancellationToken);
        var sql = VideoSql(text.Words.Count > 0, text.CjkRuns.Count, query);
        return (await connection.QueryAsync<string>(new CommandDefinition(sql, args, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The video search for a query with words (<c>@words</c>) and <paramref name="cjkRuns"/> CJK runs; public for the query-plan test.</summary>
    public static string VideoSql(bool words, int cjkRuns, SearchQuery query)
    {
        var score = "(" + (words ? "ts_rank(d.document, to_tsquery('simple', @words))" : "0")
            + (cjkRuns > 0 ? " + (CASE WHEN lower(d.title) LIKE @like0 THEN 1.0 ELSE 0.5 END)" : "") + ")::numeric";
        // The page is chosen from search_documents alone (the GIN indexes find the matches; the row holds the sort keys),
        // materialized so that only its rows are joined to videos and owners.
        return $"""
            WITH {SearchSql.Page("FROM search_documents d", Conditions(words, cjkRuns, titleOnly: false), query, score, "JOIN")}
            """;
    }

    public async Task<IReadOnlyList<ChannelResult>> FindChannelsAsync(IReadOnlyList<string> words, int offset, int take, CancellationToken cancellationToken)
    {
        var args = new DynamicParameters(new { whole = string.Join("_", words), first = words[0], firstLength = words[0].Length, take, skip = offset });
        var conditions = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            // ix_users_username_trgm answers substrings of 3+ characters; '_' is a LIKE wildcard, so it is escaped.
            conditions.Add($"u.username LIKE @w{i} ESCAPE '\\'");
            args.Add($"w{i}", "%" + words[i].Replace("_", "\\_") + "%");
        }
        var sql = $"SELECT {SearchSql.ChannelColumns} FROM users u WHERE u.banned_at IS NULL AND {string.Join(" AND ", conditions)} ORDER BY {SearchSql.ChannelOrder} LIMIT @take OFFSET @skip";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ChannelResult>(new CommandDefinition(sql, args, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyList<SuggestionCandidate>> SuggestAsync(string prefix, SearchText text, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var found = (await connection.QueryAsync<SuggestionCandidate>(new CommandDefinition(SearchSql.TagSuggestions,
            new { from = prefix, to = SearchText.PrefixEnd(prefix) }, cancellationToken: cancellationToken))).AsList();
        found.AddRange(await connection.QueryAsync<SuggestionCandidate>(new CommandDefinition("""
            SELECT username AS Text, 'channel' AS Kind, follower_count * 100 AS Popularity FROM users
            WHERE username LIKE @pattern ESCAPE '\' AND banned_at IS NULL ORDER BY follower_count DESC, username LIMIT 10
            """, new { pattern = prefix.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%" }, cancellationToken: cancellationToken)));
        if (!text.IsEmpty)
        {
            var args = new DynamicParameters();
            await AddArgumentsAsync(connection, text, titleOnly: true, args, cancellationToken);
            var conditions = Conditions(text.Words.Count > 0, text.CjkRuns.Count, titleOnly: true);
            var sql = $"""
                WITH p AS MATERIALIZED (
                    SELECT d.video_id, d.popularity, d.created_at FROM search_documents d WHERE true{conditions}
                    ORDER BY d.popularity DESC, d.created_at DESC LIMIT 10
                )
                SELECT v.title AS Text, 'video' AS Kind, {SearchSql.Popularity} AS Popularity FROM p
                JOIN videos v ON v.id = p.video_id
                JOIN users u ON u.id = v.owner_id
                WHERE {SearchSql.VisibleVideo}
                ORDER BY p.popularity DESC, p.created_at DESC
                """;
            found.AddRange(await connection.QueryAsync<SuggestionCandidate>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)));
        }
        return found;
    }

    /// <summary>The WHERE conditions for the words (tsquery <c>@words</c>) and CJK runs (<c>@grams</c>, <c>@like0</c>…).</summary>
    private static string Conditions(bool words, int cjkRuns, bool titleOnly) =>
        (words ? " AND d.document @@ to_tsquery('simple', @words)" : "")
        + (cjkRuns > 0 ? " AND d.grams @> @grams" : "")
        + string.Concat(Enumerable.Range(0, cjkRuns).Select(i => titleOnly ? $" AND lower(d.title) LIKE @like{i}" : $" AND d.content LIKE @like{i}"));

    /// <summary>The values of <see cref="Conditions"/>: the tsquery (each word a prefix or its typo forms), the runs' bigrams and LIKE patterns.</summary>
    private static async Task AddArgumentsAsync(DbConnection connection, SearchText text, bool titleOnly, DynamicParameters args, CancellationToken cancellationToken)
    {
        if (text.Words.Count > 0)
        {
            var forms = await TypoExpansion.ExpandAsync(connection, text.Words, HasPrefix, Candidates, w => new { query = w + ":*" }, cancellationToken);
            var weight = titleOnly ? "A" : "";
            // Words hold only letters, digits and combining marks (SearchText), so nothing in them is tsquery syntax.
            args.Add("words", string.Join(" & ", forms.Select(f => "(" + string.Join(" | ", f.Select(w => w.Word + (w.Prefix ? ":*" : ":") + weight).Select(t => t.TrimEnd(':'))) + ")")));
        }
        if (text.CjkRuns.Count > 0)
        {
            args.Add("grams", text.CjkRuns.SelectMany(Bigrams).Distinct().ToArray());
            for (var i = 0; i < text.CjkRuns.Count; i++)
            {
                args.Add($"like{i}", "%" + text.CjkRuns[i] + "%");
            }
        }
    }

    private static IEnumerable<string> Bigrams(string run) => Enumerable.Range(0, run.Length - 1).Select(i => run.Substring(i, 2));
}
