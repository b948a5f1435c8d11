using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Discovery;

/// <summary>Reads the lists <see cref="TrendingCalculator"/> last computed, checking each video is still public and ready.</summary>
public sealed class TrendingService(FramecastDbContext db, VideosService videos)
{
    public async Task<IReadOnlyList<VideoResponse>> ListAsync(string? tag, int limit, CancellationToken cancellationToken)
    {
        var entries = db.Set<TrendingEntry>().AsNoTracking();
        var normalized = tag?.Trim().ToLowerInvariant();
        entries = string.IsNullOrEmpty(normalized) ? entries.Where(t => t.Tag == null) : entries.Where(t => t.Tag == normalized);
        // A few spare in case some became private or were deleted since the last computation.
        var ids = await entries.OrderBy(t => t.Rank).Take(limit + 20).Select(t => t.VideoId).ToListAsync(cancellationToken);
        return await RelatedService.PublicInOrderAsync(videos, ids, limit, cancellationToken);
    }
}
