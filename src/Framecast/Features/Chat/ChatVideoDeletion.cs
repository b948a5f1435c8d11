using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Chat;

/// <summary>A deleted video's danmaku go with it.</summary>
public sealed class ChatVideoDeletion(FramecastDbContext db) : IVideoDeletionStep
{
    public Task RemoveForVideoAsync(string videoId, CancellationToken cancellationToken) =>
        db.Set<Danmaku>().Where(d => d.VideoId == videoId).ExecuteDeleteAsync(cancellationToken);
}
