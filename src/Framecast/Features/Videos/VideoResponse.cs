using System.Text.Json.Serialization;
using Framecast.Features.Accounts;

namespace Framecast.Features.Videos;

/// <summary>The video resource of API.md.</summary>
public sealed record VideoResponse(
    string Id,
    string Title,
    string Description,
    IReadOnlyList<string> Tags,
    string Visibility,
    string Status,
    string? Stage,
    int Progress,
    bool Playable,
    VideoError? Error,
    double? DurationSeconds,
    int? Width,
    int? Height,
    UserSummary Owner,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string? ThumbnailUrl,
    string? HlsUrl,
    IReadOnlyList<Rendition> Renditions,
    long Views,
    long Likes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VideoTakedown? Takedown = null)
{
    /// <param name="token">A playback token appended to media URLs (private videos).</param>
    /// <param name="mediaUrl">The URL of one of the video's files (see <see cref="IMediaUrls"/>).</param>
    public static VideoResponse From(Video v, UserSummary owner, Func<string, string> mediaUrl) => new(
        v.Id,
        v.Title,
        v.Description,
        v.Tags,
        v.Visibility.ToString().ToLowerInvariant(),
        v.Status.ToString().ToLowerInvariant(),
        v.Status == VideoStatus.Processing ? v.Stage?.ToString().ToLowerInvariant() : null,
        v.Progress,
        v.Playable,
        v.Status == VideoStatus.Failed ? new VideoError(v.ErrorCode ?? "media.failed", v.ErrorMessage ?? "Processing failed.") : null,
        v.DurationSeconds,
        v.Width,
        v.Height,
        owner,
        v.CreatedAt,
        v.UpdatedAt,
        v.HasThumbnail ? mediaUrl("thumbnail.jpg") : null,
        v.Status == VideoStatus.Ready && v.Renditions.Count > 0 ? mediaUrl("hls/master.m3u8") : null,
        v.Renditions,
        v.Views,
        v.LikeCount,
        v.TakenDownAt is { } at ? new VideoTakedown(v.TakedownReason ?? "", at) : null);
}

/// <summary>An admin took the video down: only its owner and admins still see it, with this reason.</summary>
public sealed record VideoTakedown(string Reason, DateTime At);
