using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;

namespace Framecast.Features.Videos;

/// <summary>Drops this node's cached copies of a video (public list pages, playback facts) after it changes.</summary>
public sealed class VideoCaches(IOutputCacheStore outputCache, IMemoryCache memory)
{
    public async Task InvalidateAsync(string videoId, CancellationToken cancellationToken)
    {
        ForgetPlayback(videoId);
        await outputCache.EvictByTagAsync(PublicVideoListCachePolicy.Tag, cancellationToken);
    }

    /// <summary>For changes that cannot affect the public list (processing steps of a video not yet in it).</summary>
    public void ForgetPlayback(string videoId) => memory.Remove(VideoCacheKeys.Playback(videoId));
}
