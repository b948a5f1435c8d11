using Framecast.Features.Chat;
using Framecast.Features.Comments;
using Framecast.Features.Reports;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Admin.Reports;

/// <summary>Where a reported thing lives: the page to open, and the account behind it (null once it is gone).</summary>
public sealed class ReportTargets(FramecastDbContext db)
{
    public async Task<string?> UrlAsync(Report r, CancellationToken cancellationToken) => r.TargetType switch
    {
        "video" => $"/v/{r.TargetId}",
        "user" => await db.Users.Where(u => u.Id == r.TargetId).Select(u => "/u/" + u.Username).FirstOrDefaultAsync(cancellationToken),
        "comment" => await db.Comments.Where(c => c.Id == r.TargetId).Select(c => "/v/" + c.VideoId).FirstOrDefaultAsync(cancellationToken),
        "danmaku" => await db.Set<Danmaku>().Where(d => d.Id == r.TargetId).Select(d => "/v/" + d.VideoId).FirstOrDefaultAsync(cancellationToken),
        "message" => await (from m in db.Set<ChatMessage>()
                            join u in db.Users on m.ChannelId equals u.Id
                            where m.Id == r.TargetId
                            select "/u/" + u.Username).FirstOrDefaultAsync(cancellationToken),
        _ => null,
    };

    /// <summary>The account a ban would fall on: the reported user, or the author of the reported text.</summary>
    public async Task<string?> AccountAsync(Report r, CancellationToken cancellationToken) => r.TargetType switch
    {
        "user" => r.TargetId,
        "comment" => await db.Comments.Where(c => c.Id == r.TargetId).Select(c => c.AuthorId).FirstOrDefaultAsync(cancellationToken),
        "message" => await db.Set<ChatMessage>().Where(m => m.Id == r.TargetId).Select(m => m.AuthorId).FirstOrDefaultAsync(cancellationToken),
        "danmaku" => await db.Set<Danmaku>().Where(d => d.Id == r.TargetId).Select(d => d.AuthorId).FirstOrDefaultAsync(cancellationToken),
        _ => null,
    };
}
