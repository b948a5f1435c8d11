using Framecast.Features.Accounts;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Videos;

/// <summary>
/// Counts a view once per viewer and video. The viewer key is a hash of the session (signed in) or of an anonymous
/// cookie, so the table never holds anything that could be replayed as a credential.
/// </summary>
public sealed class ViewCounter(FramecastDbContext db, DbConnectionFactory connections, TimeProvider clock)
{
    /// <returns>Whether this was the viewer's first view (the count went up).</returns>
    public async Task<bool> CountAsync(string videoId, string viewerSecret, CancellationToken cancellationToken)
    {
        var key = SessionTokens.Hash(viewerSecret);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO video_views (video_id, viewer_key, viewed_at) VALUES ({videoId}, {key}, {connections.Time(clock.UtcNowMicros())}) ON CONFLICT DO NOTHING", cancellationToken);
        if (inserted == 1)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE videos SET views = views + 1 WHERE id = {videoId}", cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return inserted == 1;
    }
}
