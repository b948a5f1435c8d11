using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Notifications;

/// <summary>A deleted video's notifications go with it; a gift sent on it is still told, without the video.</summary>
public sealed class NotificationsVideoDeletion(FramecastDbContext db) : IVideoDeletionStep
{
    public async Task RemoveForVideoAsync(string videoId, CancellationToken cancellationToken)
    {
        await db.Set<Notification>().Where(n => n.VideoId == videoId && n.Type != NotificationTypes.Gift).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Notification>().Where(n => n.VideoId == videoId)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.VideoId, (string?)null).SetProperty(n => n.VideoTitle, (string?)null), cancellationToken);
    }
}
