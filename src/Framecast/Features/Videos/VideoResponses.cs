using Framecast.Features.Accounts;
using Framecast.Features.Playback;

namespace Framecast.Features.Videos;

/// <summary>
/// Builds video resources: owner summaries in one lookup per page, and media URLs that carry a signed token when
/// the video is private (only people allowed to see a private video ever receive its resource).
/// </summary>
public sealed class VideoResponses(UserDirectory users, PlaybackSigner signer)
{
    public Task<string?> FindOwnerIdAsync(string username, CancellationToken cancellationToken) => users.FindIdAsync(username, cancellationToken);

    public async Task<VideoResponse> OneAsync(Video video, CancellationToken cancellationToken) =>
        Build(video, await users.GetSummaryAsync(video.OwnerId, cancellationToken));

    public async Task<Func<Video, VideoResponse>> ForPageAsync(IEnumerable<Video> videos, CancellationToken cancellationToken)
    {
        var owners = await users.GetSummariesAsync(videos.Select(v => v.OwnerId), cancellationToken);
        return v => Build(v, owners.TryGetValue(v.OwnerId, out var owner) ? owner : new UserSummary(v.OwnerId, ""));
    }

    /// <summary>The token a private video's media URLs carry; null for public and unlisted videos.</summary>
    public string? PlaybackToken(Video video) => video.Visibility == Visibility.Private ? signer.Issue(video.Id) : null;

    private VideoResponse Build(Video video, UserSummary owner) => VideoResponse.From(video, owner, PlaybackToken(video));
}
