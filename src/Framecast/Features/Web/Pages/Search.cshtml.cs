using Framecast.Features.Live;
using Framecast.Features.Search;
using Framecast.Features.Videos;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

/// <summary>/search: the search API's results as a page (a form GET, so it works without JavaScript).</summary>
public sealed class SearchModel(SearchService search) : PageModel
{
    public string? Query { get; private set; }

    public SearchQuery Filters { get; private set; } = Default("");

    public IReadOnlyList<VideoResponse> Videos { get; private set; } = [];

    public IReadOnlyList<ChannelResult> Channels { get; private set; } = [];

    public IReadOnlyList<LiveCard> Broadcasts { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(string? q, string? type, string? sort, string? duration, string? uploaded, string? cursor, CancellationToken cancellationToken)
    {
        var text = (q ?? "").Trim();
        Query = text.Length == 0 ? null : text[..Math.Min(text.Length, SearchQuery.MaxLength)];
        // A hand-edited address with a wrong value gets the defaults rather than an error page.
        Filters = SearchQuery.Parse(Query, type, sort, duration, uploaded, PageSize, cursor, []) ?? Default(Query ?? "");
        if (Query is null)
        {
            return;
        }
        switch (Filters.Type)
        {
            case SearchType.Channel:
                (Channels, NextCursor) = Unpack(await search.ChannelsAsync(Filters, cancellationToken));
                break;
            case SearchType.Live:
                var live = await search.LiveAsync(Filters, cancellationToken);
                Broadcasts = [.. live.Items.Select(s => new LiveCard(s.SessionId, s.Channel.Username, string.IsNullOrWhiteSpace(s.Title) ? $"{s.Channel.Username} is live" : s.Title,
                    s.Viewers, s.StartedAt, s.ThumbnailUrl, s.Status == "reconnecting"))];
                NextCursor = live.NextCursor;
                break;
            default:
                (Videos, NextCursor) = Unpack(await search.VideosAsync(Filters, cancellationToken));
                break;
        }
    }

    /// <summary>This page's address with one setting changed (null leaves it out), for the tabs and the pager.</summary>
    public string Link(SearchType? type = null, string? cursor = null)
    {
        var parts = new List<string> { "q=" + Uri.EscapeDataString(Query ?? "") };
        var t = type ?? Filters.Type;
        if (t != SearchType.Video)
        {
            parts.Add("type=" + SearchQuery.Name(t));
        }
        if (t == SearchType.Video)
        {
            AddIf(parts, "sort", Filters.Sort != SearchSort.Relevance, SearchQuery.Name(Filters.Sort));
            AddIf(parts, "duration", Filters.Duration != DurationFilter.Any, SearchQuery.Name(Filters.Duration));
            AddIf(parts, "uploaded", Filters.Uploaded != UploadedFilter.Any, SearchQuery.Name(Filters.Uploaded));
        }
        AddIf(parts, "cursor", cursor is not null, cursor ?? "");
        return "/search?" + string.Join("&", parts);
    }

    private const int PageSize = 24;

    private static SearchQuery Default(string text) =>
        new(text, SearchType.Video, SearchSort.Relevance, DurationFilter.Any, UploadedFilter.Any, 0, PageSize);

    private static (IReadOnlyList<T>, string?) Unpack<T>(Infrastructure.Http.Page<T> page) => (page.Items, page.NextCursor);

    private static void AddIf(List<string> parts, string name, bool condition, string value)
    {
        if (condition)
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }
}
