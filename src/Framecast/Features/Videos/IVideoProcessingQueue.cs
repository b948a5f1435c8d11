using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Storage;

namespace Framecast.Features.Videos;

/// <summary>Queues a video's processing; Processing implements it with its own job type, inside the caller's transaction.</summary>
public interface IVideoProcessingQueue
{
    void Enqueue(FramecastDbContext db, IDbContextTransaction transaction, Video video);
}
