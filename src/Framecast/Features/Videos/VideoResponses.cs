using Framecast.Features.Accounts;

namespace Framecast.Features.Videos;

/// <summary>
/// Builds video resources: owner summaries in one lookup per page, and media URLs that carry a signed token when
/// the video is private (only people allowed to see a private video ever receive its resource).
/// </summary>
public sealed class VideoResponses(UserDirectory users, IMediaUrls media)
{
    /// <summary>The channel's owner; a banned account's channel is found by admins only.</summary>
    public Task<string?> FindOwnerIdAsync(string username, bool includeBanned, CancellationToken cancellationToken) =>
        includeBanned ? users.FindIdAsync(username, cancellationToken) : users.FindChannelIdAsync(username, cancellationToken);

    public async Task<VideoResponse> OneAsync(Video video, CancellationToken cancellationToken) =>
        Build(video, await users.GetSummaryAsync(video.OwnerId, cancellationToken));

    public async Task<Func<Video, VideoResponse>> ForPageAsync(IEnumerable<Video> videos, CancellationToken cancellationToken)
    {
        var owners = await users.GetSummariesAsync(videos.Select(v => v.OwnerId), cancellationToken);
        return v => Build(v, owners.TryGetValue(v.OwnerId, out var owner) ? owner : new UserSummary(v.OwnerId, ""));
    }

    /// <summary>The video's media URLs; a private video's carry a signed token.</summary>
    public Func<string, string> MediaUrls(Video video) => media.For(video);

    private VideoResponse Build(Video video, UserSummary owner) => VideoResponse.From(video, owner, media.For(video));
}
