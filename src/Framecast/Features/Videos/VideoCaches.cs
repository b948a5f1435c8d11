using Framecast.Infrastructure.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;

namespace Framecast.Features.Videos;

/// <summary>
/// Drops every node's cached copies of a video (public list pages, playback facts) after it changes: this node's at
/// once, the others' through a PostgreSQL notification. The caches' short lifetime (<c>Framecast:LocalCacheLifetime</c>)
/// bounds staleness only when a notification is lost.
/// </summary>
public sealed class VideoCaches(IOutputCacheStore outputCache, IMemoryCache memory, DatabaseNotifications notifications)
{
    private const string PlaybackOnly = "playback:";
    private const string All = "*";

    public async Task InvalidateAsync(string videoId, CancellationToken cancellationToken)
    {
        await ForgetLocallyAsync(videoId, cancellationToken);
        await notifications.PublishAsync(VideoChangeHandler.ChannelName, videoId, cancellationToken);
    }

    /// <summary>After a change to many videos at once (an account banned or let back): every video's cached facts and list pages.</summary>
    public async Task InvalidateAllAsync(CancellationToken cancellationToken)
    {
        await ForgetLocallyAsync(All, cancellationToken);
        await notifications.PublishAsync(VideoChangeHandler.ChannelName, All, cancellationToken);
    }

    /// <summary>For changes that cannot affect the public list (processing steps of a video not yet in it).</summary>
    public async Task ForgetPlaybackAsync(string videoId, CancellationToken cancellationToken)
    {
        memory.Remove(VideoCacheKeys.Playback(videoId));
        await notifications.PublishAsync(VideoChangeHandler.ChannelName, PlaybackOnly + videoId, cancellationToken);
    }

    /// <summary>What another node's notification asks of this one.</summary>
    public async Task ForgetLocallyAsync(string notification, CancellationToken cancellationToken)
    {
        if (notification.StartsWith(PlaybackOnly, StringComparison.Ordinal))
        {
            memory.Remove(VideoCacheKeys.Playback(notification[PlaybackOnly.Length..]));
            return;
        }
        if (notification == All && memory is MemoryCache everything)
        {
            everything.Clear();
        }
        memory.Remove(VideoCacheKeys.Playback(notification));
        await outputCache.EvictByTagAsync(PublicVideoListCachePolicy.Tag, cancellationToken);
    }
}
