using Framecast.Features.Videos;

namespace Framecast.Features.Search;

/// <summary>The full-text index answering the video list's <c>?q=</c> (its order there stays newest first).</summary>
public sealed class SearchVideoText(ISearchIndex index, TimeProvider clock) : IVideoTextSearch
{
    public async Task<IReadOnlyList<string>> MatchingIdsAsync(string text, int max, CancellationToken cancellationToken)
    {
        var parsed = SearchText.Parse(text.Length > SearchQuery.MaxLength ? text[..SearchQuery.MaxLength] : text);
        if (parsed.IsEmpty)
        {
            return [];
        }
        var query = new SearchQuery(text, SearchType.Video, SearchSort.Relevance, DurationFilter.Any, UploadedFilter.Any, 0, max);
        var ids = await index.FindVideoIdsAsync(parsed, query, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return ids.Take(max).ToList();
    }
}
