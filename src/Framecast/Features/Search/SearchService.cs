using Framecast.Features.Live;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;

namespace Framecast.Features.Search;

/// <summary>Search and suggestions over what anyone may see: videos (through <see cref="ISearchIndex"/>), channels and live broadcasts.</summary>
public sealed class SearchService(ISearchIndex index, VideosService videos, LiveChannelService live, TimeProvider clock)
{
    public const int MaxSuggestLength = 100, MaxSuggestions = 10;

    public async Task<Page<VideoResponse>> VideosAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var text = SearchText.Parse(query.Text);
        if (text.IsEmpty)
        {
            return new Page<VideoResponse>([], null);
        }
        var ids = await index.FindVideoIdsAsync(text, query, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var found = await videos.FindManyAsync(ids, cancellationToken);
        // The index holds only ready public videos; checked again on the rows read, in case one changed in between.
        var rows = ids.Where(found.ContainsKey).Select(id => found[id])
            .Where(ModerationHolds.IsListed).ToList();
        var build = await videos.ResponsesForAsync(rows, cancellationToken);
        return Paged(rows.Select(build).ToList(), ids.Count, query);
    }

    public async Task<Page<ChannelResult>> ChannelsAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var words = ChannelWords(query.Text);
        if (words.Count == 0)
        {
            return new Page<ChannelResult>([], null);
        }
        var rows = await index.FindChannelsAsync(words, query.Offset, query.Limit + 1, cancellationToken);
        return Paged(rows, rows.Count, query);
    }

    /// <summary>
    /// Broadcasts going on now whose title or channel name contains every word and CJK run of the query. The candidates
    /// are the broadcasts on air (a few dozen at most), so they are filtered here rather than indexed.
    /// </summary>
    public async Task<Page<LiveSessionResponse>> LiveAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var text = SearchText.Parse(query.Text);
        if (text.IsEmpty)
        {
            return new Page<LiveSessionResponse>([], null);
        }
        var onAir = await live.ListLiveAsync(0, 1000, cancellationToken);
        var matches = onAir.Where(r => text.Words.Concat(text.CjkRuns).All(part =>
            r.Session.Title.Contains(part, StringComparison.OrdinalIgnoreCase) || r.Username.Contains(part, StringComparison.OrdinalIgnoreCase)));
        matches = query.Sort == SearchSort.Date ? matches.OrderByDescending(r => r.Session.StartedAt) : matches; // else most viewers first, as listed
        var page = matches.Skip(query.Offset).Take(query.Limit + 1).ToList();
        var items = new List<LiveSessionResponse>();
        foreach (var (session, username, followers) in page.Take(query.Limit))
        {
            items.Add(await live.DescribeAsync(session, new LiveChannelRef(username, followers), cancellationToken));
        }
        return Paged(items, page.Count, query);
    }

    /// <summary>Up to ten completions: those that begin with what was typed first, then the most popular (a like is ten views, a follower a hundred).</summary>
    public async Task<IReadOnlyList<SuggestionResponse>> SuggestAsync(string q, CancellationToken cancellationToken)
    {
        var prefix = q.Trim().ToLowerInvariant();
        var found = await index.SuggestAsync(prefix, SearchText.Parse(prefix), cancellationToken);
        return found
            .OrderBy(s => s.Text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenByDescending(s => s.Popularity)
            .ThenBy(s => s.Text, StringComparer.Ordinal)
            .DistinctBy(s => s.Text.ToLowerInvariant())
            .Take(MaxSuggestions)
            .Select(s => new SuggestionResponse(s.Text, s.Kind))
            .ToList();
    }

    /// <summary>The query's parts that can be in a username (<c>[a-z0-9_]</c>).</summary>
    private static List<string> ChannelWords(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text.ToLowerInvariant(), "[a-z0-9_]+").Select(m => m.Value).Distinct().Take(8)];

    private static Page<T> Paged<T>(IReadOnlyList<T> items, int fetched, SearchQuery query)
    {
        var hasMore = fetched > query.Limit && query.Offset + query.Limit <= SearchQuery.MaxOffset;
        return new Page<T>(items.Take(query.Limit).ToList(), hasMore ? SearchQuery.Cursor.Encode(query.Offset + query.Limit) : null);
    }
}

public sealed record SuggestionResponse(string Text, string Kind);

public sealed record SuggestionsResponse(IReadOnlyList<SuggestionResponse> Items);
