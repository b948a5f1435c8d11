using Framecast.Features.Videos;

namespace Framecast.Features.Search;

/// <summary>One database's full-text search: SQLite FTS5 (<see cref="SqliteSearchIndex"/>) or PostgreSQL (<see cref="PostgresSearchIndex"/>).</summary>
public interface ISearchIndex
{
    /// <summary>Ids of ready public videos matching <paramref name="text"/>, in the query's order: one page, plus one more row when there is a next.</summary>
    Task<IReadOnlyList<string>> FindVideoIdsAsync(SearchText text, SearchQuery query, DateTime now, CancellationToken cancellationToken);

    /// <summary>Channels whose names contain every word of <paramref name="words"/>: exact name first, then names starting so, then most followed.</summary>
    Task<IReadOnlyList<ChannelResult>> FindChannelsAsync(IReadOnlyList<string> words, int offset, int take, CancellationToken cancellationToken);

    /// <summary>Completions of each kind (at most 10 each), with a popularity to rank them by.</summary>
    Task<IReadOnlyList<SuggestionCandidate>> SuggestAsync(string prefix, SearchText text, CancellationToken cancellationToken);
}

/// <summary>A channel found by name: <c>videos</c> counts its public ready ones. (Settable properties: Dapper reads it.)</summary>
public sealed class ChannelResult
{
    public string Username { get; init; } = "";
    public long Followers { get; init; }
    public long Videos { get; init; }
}

public sealed class SuggestionCandidate
{
    public string Text { get; init; } = "";
    public string Kind { get; init; } = "";
    public long Popularity { get; init; }
}

/// <summary>SQL both indexes share.</summary>
internal static class SearchSql
{
    /// <summary>
    /// What anyone may find: ready public videos only (never private, unlisted, failed, processing or being deleted; owners
    /// do not find their own private ones either), and none held by moderation (taken down, or its owner banned: the
    /// index triggers leave those out too).
    /// </summary>
    public static readonly string VisibleVideo = ModerationHolds.ListedSql("v");

    /// <summary>A like counts as ten views.</summary>
    public const string Popularity = "(v.views + 10 * v.like_count)";

    /// <summary>
    /// Chooses the page from the matches <paramref name="from"/> (which reaches the search document <c>d</c>, holding
    /// copies of created_at, duration_seconds, views and <see cref="Popularity"/> kept by migration 0014's triggers) in
    /// a CTE <c>p</c> (<c>video_id</c> and its sort keys <c>k0</c>…, all descending), then reads only those rows from
    /// videos and owners (<paramref name="join"/> is the provider's join keyword) to check them, in the page's order.
    /// By relevance: in tenths of the best match's <paramref name="score"/> (so that near-equal scores, a longer
    /// description say, tie and popularity, then recency, decide between them); the best is read in a first pass over
    /// the filtered matches <c>f</c> (a scalar max over the materialized rows: much cheaper than a window over them).
    /// Parameters: <c>@since</c>, <c>@take</c>, <c>@skip</c>.
    /// </summary>
    public static string Page(string from, string where, SearchQuery query, string score, string join)
    {
        string[] keys;
        string source, ctes = "";
        if (query.Sort == SearchSort.Relevance)
        {
            ctes = $"""
                f AS MATERIALIZED (
                    SELECT d.video_id, {score} AS score, d.popularity, d.created_at {from}
                    WHERE true{where}{Filters(query)}
                ),

                """;
            keys = ["round(f.score / ((SELECT max(score) FROM f) + 0.000001), 1)", "f.popularity", "f.created_at", "f.video_id"];
            source = "FROM f";
        }
        else
        {
            keys = query.Sort == SearchSort.Date ? ["d.created_at", "d.video_id"] : ["d.views", "d.created_at", "d.video_id"];
            source = $"{from}\n    WHERE true{where}{Filters(query)}";
        }
        var columns = string.Concat(keys.Select((k, i) => $", {k} AS k{i}"));
        var order = string.Join(", ", keys.Select((_, i) => $"k{i} DESC"));
        var outerOrder = string.Join(", ", keys.Select((_, i) => $"p.k{i} DESC"));
        return $"""
            {ctes}p AS MATERIALIZED (
                SELECT {keys[^1]} AS video_id{columns} {source}
                ORDER BY {order}
                LIMIT @take OFFSET @skip
            )
            SELECT v.id FROM p
            {join} videos v ON v.id = p.video_id
            {join} users u ON u.id = v.owner_id
            WHERE {VisibleVideo}
            ORDER BY {outerOrder}
            """;
    }

    /// <summary>The duration and upload-date filters over the search document <c>d</c> (parameter <c>@since</c> carries the upload bound).</summary>
    public static string Filters(SearchQuery query) =>
        query.Duration switch
        {
            DurationFilter.Short => $" AND d.duration_seconds < {SearchQuery.ShortSeconds}",
            DurationFilter.Medium => $" AND d.duration_seconds >= {SearchQuery.ShortSeconds} AND d.duration_seconds <= {SearchQuery.LongSeconds}",
            DurationFilter.Long => $" AND d.duration_seconds > {SearchQuery.LongSeconds}",
            _ => "",
        } + (query.Uploaded == UploadedFilter.Any ? "" : " AND d.created_at >= @since");

    public static DateTime Since(UploadedFilter uploaded, DateTime now) => uploaded switch
    {
        UploadedFilter.Day => now.AddDays(-1),
        UploadedFilter.Week => now.AddDays(-7),
        UploadedFilter.Month => now.AddMonths(-1),
        _ => now.AddYears(-1),
    };

    public const string TagSuggestions = """
        SELECT t.tag AS Text, 'tag' AS Kind, sum(v.views + 10 * v.like_count) AS Popularity
        FROM search_video_tags t JOIN videos v ON v.id = t.video_id
        WHERE t.tag >= @from AND t.tag < @to
        GROUP BY t.tag ORDER BY Popularity DESC, t.tag LIMIT 10
        """;

    public static string ChannelOrder => "(u.username = @whole) DESC, (substr(u.username, 1, @firstLength) = @first) DESC, u.follower_count DESC, u.username";

    public const string ChannelColumns = """
        u.username AS Username, u.follower_count AS Followers,
        (SELECT count(*) FROM videos v WHERE v.owner_id = u.id AND v.status = 'ready' AND v.visibility = 'public' AND v.moderation_hold = 0) AS Videos
        """;
}
