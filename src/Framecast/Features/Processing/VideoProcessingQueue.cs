using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore.Storage;

namespace Framecast.Features.Processing;

/// <summary>Queues the <see cref="VideoProcessingJob"/> of a video; one uploader's jobs share a fair key (one at a time).</summary>
public sealed class VideoProcessingQueue(JobQueue jobs) : IVideoProcessingQueue
{
    public void Enqueue(FramecastDbContext db, IDbContextTransaction transaction, Video video) =>
        jobs.Add(db, transaction, VideoProcessingJob.Type, new VideoJobPayload(video.Id), fairKey: video.OwnerId);
}
