using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;
using Framecast.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;

namespace Framecast.Features.Videos;

/// <summary>
/// Removes a video marked <c>deleting</c>: its media folder first, then what other features keep of it
/// (<see cref="IVideoDeletionStep"/>), then its row. Each step tolerates having been done already, so a retry or a
/// re-run after a crash finishes the work.
/// </summary>
public sealed class VideoDeletionJob(FramecastDbContext db, IBlobStore blobs, IEnumerable<IVideoDeletionStep> steps, ILogger<VideoDeletionJob> logger) : IJobHandler
{
    public const string Type = "video.delete";

    public async Task RunAsync(JobLease job, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<VideoJobPayload>(job.Payload, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("Empty video.delete payload");
        var status = await db.Videos.Where(v => v.Id == payload.VideoId).Select(v => (VideoStatus?)v.Status).FirstOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            logger.LogInformation("Video {VideoId} already removed", payload.VideoId);
            await blobs.DeletePrefixAsync(payload.VideoId, cancellationToken);
            return;
        }
        if (status != VideoStatus.Deleting)
        {
            throw new InvalidOperationException($"Video {payload.VideoId} is {status}, not deleting; refusing to remove it");
        }
        await blobs.DeletePrefixAsync(payload.VideoId, cancellationToken);
        foreach (var step in steps)
        {
            await step.RemoveForVideoAsync(payload.VideoId, cancellationToken);
        }
        await db.Videos.Where(v => v.Id == payload.VideoId && v.Status == VideoStatus.Deleting).ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Video {VideoId} deleted", payload.VideoId);
    }
}
