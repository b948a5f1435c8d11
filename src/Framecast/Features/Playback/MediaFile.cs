using Framecast.Features.Videos;

namespace Framecast.Features.Playback;

/// <summary>
/// One servable file of a video: its blob name under the video, when it exists, and how long caches may keep it.
/// The routes of <see cref="PlaybackEndpoints"/> and the access check nginx asks (<see cref="MediaAccessEndpoints"/>)
/// both read this one table.
/// </summary>
public sealed record MediaFile(string Name, Func<PlaybackVideo, bool> IsAvailable, string MaxAge)
{
    public const string Immutable = "max-age=31536000, immutable";
    public const string OneDay = "max-age=86400";

    public static readonly MediaFile Master = new($"hls/{MediaFileNames.Master}", v => v.Status == VideoStatus.Ready, Immutable);
    public static readonly MediaFile Original = new("original", v => v.Status is VideoStatus.Processing or VideoStatus.Ready, OneDay);
    public static readonly MediaFile FastStart = new("video.mp4", v => v.Playable, OneDay);

    /// <summary>A rendition's playlist, init segment or media segment; null for any other name.</summary>
    public static MediaFile? Hls(string rendition, string file) =>
        MediaFileNames.IsHlsFile(file)
            ? new($"hls/{rendition}/{file}", v => v.Status == VideoStatus.Ready && v.Renditions.Contains(rendition), Immutable)
            : null;

    /// <summary><c>thumbnail.jpg</c>, <c>storyboard.jpg</c> or <c>storyboard.vtt</c>.</summary>
    public static MediaFile Image(string name) => new(name, v => v.HasThumbnail, OneDay);

    /// <summary>The file for the path after <c>/media/{id}/</c>, matched exactly (the routes' other spellings are theirs).</summary>
    public static MediaFile? FromPath(string path)
    {
        switch (path)
        {
            case "hls/master.m3u8":
                return Master;
            case "original":
                return Original;
            case "video.mp4":
                return FastStart;
            case "thumbnail.jpg" or "storyboard.jpg" or "storyboard.vtt":
                return Image(path);
        }
        var parts = path.Split('/');
        return parts is ["hls", { Length: > 0 } rendition, var file] ? Hls(rendition, file) : null;
    }

    public string CacheControl(PlaybackVideo video) => video.IsPrivate ? $"private, {MaxAge}" : $"public, {MaxAge}";
}
