using Framecast.Features.Live;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Search;

public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        var search = app.MapGroup("/api/v1/search").WithTags("Search");
        search.MapGet("/", Search);
        search.MapGet("/suggest", Suggest);
        return app;
    }

    /// <summary>
    /// Videos (the video resource), channels (<c>{username, followers, videos}</c>) or live broadcasts (the live session
    /// resource) matching <c>q</c>; an empty <c>q</c> is 400 <c>search.query_required</c>.
    /// </summary>
    private static async Task<Results<Ok<Page<VideoResponse>>, Ok<Page<ChannelResult>>, Ok<Page<LiveSessionResponse>>, ValidationProblem, ProblemHttpResult>> Search(
        string? q, string? type, string? sort, string? duration, string? uploaded, int? limit, string? cursor, SearchService search,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = SearchQuery.Parse(q, type, sort, duration, uploaded, limit, cursor, errors);
        if (query is null)
        {
            return Problems.Validation(errors);
        }
        if (query.Text.Length == 0)
        {
            return QueryRequired();
        }
        return query.Type switch
        {
            SearchType.Channel => TypedResults.Ok(await search.ChannelsAsync(query, cancellationToken)),
            SearchType.Live => TypedResults.Ok(await search.LiveAsync(query, cancellationToken)),
            _ => TypedResults.Ok(await search.VideosAsync(query, cancellationToken)),
        };
    }

    /// <summary>Up to ten completions of <c>q</c> (1–100 characters): video titles, tags and channel names.</summary>
    private static async Task<Results<Ok<SuggestionsResponse>, ValidationProblem, ProblemHttpResult>> Suggest(string? q, SearchService search,
        CancellationToken cancellationToken)
    {
        var text = (q ?? "").Trim();
        if (text.Length == 0)
        {
            return QueryRequired();
        }
        if (text.Length > SearchService.MaxSuggestLength)
        {
            return Problems.Validation("q", $"Use at most {SearchService.MaxSuggestLength} characters.");
        }
        return TypedResults.Ok(new SuggestionsResponse(await search.SuggestAsync(text, cancellationToken)));
    }

    private static ProblemHttpResult QueryRequired() =>
        Problems.Create(StatusCodes.Status400BadRequest, "search.query_required", "A search needs words", "Send what to look for in q.");
}
