using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Hosting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Playback;

/// <summary>
/// Who may fetch a video's media: anyone for public and unlisted videos; for private ones the owner or an admin
/// (by session, asked for only then) or anyone holding a valid token. Video facts are cached briefly (<c>Framecast:LocalCacheLifetime</c>) and dropped on every node on any change.
/// A singleton that opens a scope (and so a database context) only on a cache miss: most media requests are cache
/// hits, and building the video services for each one was a measurable part of a segment's cost (bench/delivery).
/// </summary>
public sealed class PlaybackAccess(IServiceScopeFactory scopes, IMemoryCache cache, PlaybackSigner signer, IOptions<FramecastOptions> options)
{
    public async Task<(PlaybackVerdict Verdict, PlaybackVideo? Video, string? Token)> AuthorizeAsync(
        string id, Func<Task<Viewer>> viewer, string? token, CancellationToken cancellationToken)
    {
        var video = await FindAsync(id, cancellationToken);
        if (video is null || IsGone(video))
        {
            return (PlaybackVerdict.NotFound, null, null);
        }
        if (video.Held)
        {
            // Taken down or its owner banned: its owner and admins still reach it (a token issued earlier does not).
            return (await viewer()).OwnsOrAdmin(video.OwnerId) ? (PlaybackVerdict.Allowed, video, signer.Issue(id)) : (PlaybackVerdict.NotFound, null, null);
        }
        if (!video.IsPrivate)
        {
            return (PlaybackVerdict.Allowed, video, null);
        }
        if (token is not null && signer.IsValid(id, token))
        {
            return (PlaybackVerdict.Allowed, video, token);
        }
        // A wrong or expired token answers exactly as an unknown id does, so it tells nobody that a private video exists.
        return (await viewer()).OwnsOrAdmin(video.OwnerId)
            ? (PlaybackVerdict.Allowed, video, signer.Issue(id))
            : (PlaybackVerdict.NotFound, null, null);
    }

    /// <summary>Deleted, failed or never uploaded: nothing of it is served to anyone.</summary>
    public static bool IsGone(PlaybackVideo video) => video.Status is VideoStatus.Deleting or VideoStatus.Failed or VideoStatus.Uploading;

    private async Task<PlaybackVideo?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var key = VideoCacheKeys.Playback(id);
        if (cache.TryGetValue(key, out PlaybackVideo? cached))
        {
            return cached;
        }
        await using var scope = scopes.CreateAsyncScope();
        var video = await scope.ServiceProvider.GetRequiredService<VideosService>().FindForPlaybackAsync(id, cancellationToken);
        var snapshot = video is null ? null : PlaybackVideo.From(video);
        cache.Set(key, snapshot, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.LocalCacheLifetime });
        return snapshot;
    }
}
