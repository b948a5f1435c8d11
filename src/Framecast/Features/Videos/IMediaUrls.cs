namespace Framecast.Features.Videos;

/// <summary>
/// Where a video's files are fetched from. Playback implements it (its routes, its signed tokens), so Videos builds
/// resources without knowing either; the dependency runs Playback → Videos.
/// </summary>
public interface IMediaUrls
{
    /// <summary>URLs of one video's files (<c>thumbnail.jpg</c>, <c>hls/master.m3u8</c> …), all signed alike for a private video.</summary>
    Func<string, string> For(Video video);
}
