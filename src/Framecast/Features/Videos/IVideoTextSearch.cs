namespace Framecast.Features.Videos;

/// <summary>
/// Finds public videos by their text for <c>GET /api/v1/videos?q=</c>; the Search feature implements it with its
/// full-text index, so Videos never scans titles itself.
/// </summary>
public interface IVideoTextSearch
{
    /// <summary>Ids of matching videos, best first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<string>> MatchingIdsAsync(string text, int max, CancellationToken cancellationToken);
}
