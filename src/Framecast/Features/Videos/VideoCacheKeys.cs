namespace Framecast.Features.Videos;

/// <summary>Memory-cache keys of per-video facts other features cache; every change to a video removes them.</summary>
public static class VideoCacheKeys
{
    public static string Playback(string videoId) => $"playback:{videoId}";
}
