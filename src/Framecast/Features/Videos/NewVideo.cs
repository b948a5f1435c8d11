using Framecast.Infrastructure.Http;

namespace Framecast.Features.Videos;

/// <summary>What an uploader supplies for a new video (already validated by <see cref="VideoRules"/>).</summary>
public sealed record NewVideo(string Title, string Description = "", IReadOnlyList<string>? Tags = null, Visibility Visibility = Visibility.Public, bool Watermark = true)
{
    public Video ToVideo(string ownerId, VideoStatus status, DateTime now) => new()
    {
        Id = Ids.New(),
        OwnerId = ownerId,
        Title = Title.Trim(),
        Description = Description,
        Tags = VideoRules.NormalizeTags(Tags ?? []),
        Visibility = Visibility,
        Status = status,
        Watermark = Watermark,
        Stage = status == VideoStatus.Processing ? ProcessingStage.Queued : null,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
