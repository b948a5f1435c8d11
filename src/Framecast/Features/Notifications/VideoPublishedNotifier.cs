using System.Text.Json;
using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Jobs;

namespace Framecast.Features.Notifications;

/// <summary>Handles Videos' <see cref="VideoPublished"/>: the owner's followers hear of the new video (unless it stopped being public meanwhile).</summary>
public sealed class VideoPublishedNotifier(VideosService videos, UserDirectory users, NotificationWriter writer, ILogger<VideoPublishedNotifier> logger) : IJobHandler
{
    public async Task RunAsync(JobLease job, CancellationToken cancellationToken)
    {
        var published = JsonSerializer.Deserialize<VideoPublished>(job.Payload, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Empty {VideoPublished.JobType} payload");
        var video = await videos.FindForPlaybackAsync(published.VideoId, cancellationToken);
        if (video is null || video.Status != VideoStatus.Ready || video.Visibility != Visibility.Public)
        {
            logger.LogInformation("Video {VideoId} is no longer public and ready: nobody is notified", published.VideoId);
            return;
        }
        var owner = await users.GetSummaryAsync(video.OwnerId, cancellationToken);
        await writer.ToFollowersAsync(video.OwnerId,
            new NotificationDraft(NotificationTypes.Video, video.Id, owner.Username, VideoId: video.Id, VideoTitle: video.Title), cancellationToken);
    }
}
