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
        var conditions = await ConditionsAsync(connection, text, titleOnly: false, args, cancellationToken);
        var score = (text.Words.Count > 0 ? "ts_rank(d.document, to_tsquery('simple', @words))" : "0")
            + (text.CjkRuns.Count > 0 ? " + (CASE WHEN lower(d.title) LIKE @like0 THEN 1.0 ELSE 0.5 END)" : "");
        var sql = $"""
            SELECT v.id FROM search_documents d
            JOIN videos v ON v.id = d.video_id
            JOIN users u ON u.id = v.owner_id
            WHERE {SearchSql.VisibleVideo}{conditions}{SearchSql.Filters(query)}
            ORDER BY {SearchSql.Order(query.Sort, $"({score})::numeric")}
            LIMIT @take OFFSET @skip
            """;
        return (await connection.QueryAsync<string>(new CommandDefinition(sql, args, cancellationToken: cancellationToken))).AsList();
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
        var sql = $"SELECT {SearchSql.ChannelColumns} FROM users u WHERE {string.Join(" AND ", conditions)} ORDER BY {SearchSql.ChannelOrder} LIMIT @take OFFSET @skip";
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
            WHERE username LIKE @pattern ESCAPE '\' ORDER BY follower_count DESC, username LIMIT 10
            """, new { pattern = prefix.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%" }, cancellationToken: cancellationToken)));
        if (!text.IsEmpty)
        {
            var args = new DynamicParameters();
            var conditions = await ConditionsAsync(connection, text, titleOnly: true, args, cancellationToken);
            var sql = $"""
                SELECT v.title AS Text, 'video' AS Kind, {SearchSql.Popularity} AS Popularity FROM search_documents d
                JOIN videos v ON v.id = d.video_id
                JOIN users u ON u.id = v.owner_id
                WHERE {SearchSql.VisibleVideo}{conditions}
                ORDER BY Popularity DESC, v.created_at DESC LIMIT 10
                """;
            found.AddRange(await connection.QueryAsync<SuggestionCandidate>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)));
        }
        return found;
    }

    /// <summary>The WHERE conditions for the words (tsquery <c>@words</c>) and CJK runs (<c>@grams</c>, <c>@like0</c>…).</summary>
    private static async Task<string> ConditionsAsync(DbConnection connection, SearchText text, bool titleOnly, DynamicParameters args, CancellationToken cancellationToken)
    {
        var sql = "";
        if (text.Words.Count > 0)
        {
            var forms = await TypoExpansion.ExpandAsync(connection, text.Words, HasPrefix, Candidates, w => new { query = w + ":*" }, cancellationToken);
            var weight = titleOnly ? "A" : "";
            // Words hold only letters, digits and combining marks (SearchText), so nothing in them is tsquery syntax.
            args.Add("words", string.Join(" & ", forms.Select(f => "(" + string.Join(" | ", f.Select(w => w.Word + (w.Prefix ? ":*" : ":") + weight).Select(t => t.TrimEnd(':'))) + ")")));
            sql += " AND d.document @@ to_tsquery('simple', @words)";
        }
        if (text.CjkRuns.Count > 0)
        {
            args.Add("grams", text.CjkRuns.SelectMany(Bigrams).Distinct().ToArray());
            sql += " AND d.grams @> @grams";
            for (var i = 0; i < text.CjkRuns.Count; i++)
            {
                args.Add($"like{i}", "%" + text.CjkRuns[i] + "%");
                sql += titleOnly ? $" AND lower(d.title) LIKE @like{i}" : $" AND d.content LIKE @like{i}";
            }
        }
        return sql;
    }

    private static IEnumerable<string> Bigrams(string run) => Enumerable.Range(0, run.Length - 1).Select(i => run.Substring(i, 2));
}
