using Framecast.Features.Accounts;
using Framecast.Features.Chat;
using Framecast.Features.Comments;
using Framecast.Features.Videos;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Reports;

/// <summary>Takes reports of videos, comments, chat messages, danmaku and users; the admins' queue reads them.</summary>
public sealed class ReportsService(FramecastDbContext db, VideosService videos, UserDirectory users, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> TargetTypes = ["video", "comment", "message", "danmaku", "user"];

    /// <summary>The report (a reporter's open report of the same thing is returned again, not doubled); null when there is no such target.</summary>
    public async Task<(Report? Report, bool Created)> ReportAsync(Viewer reporter, ReportRequest request, CancellationToken cancellationToken)
    {
        var type = request.TargetType!;
        var (targetId, snapshot) = await FindTargetAsync(type, request.TargetId!, reporter, cancellationToken);
        if (targetId is null)
        {
            return (null, false);
        }
        var existing = await db.Set<Report>().AsNoTracking().FirstOrDefaultAsync(r => r.ReporterId == reporter.UserId && r.TargetType == type
            && r.TargetId == targetId && r.Status == "open", cancellationToken);
        if (existing is not null)
        {
            return (existing, false);
        }
        var report = new Report
        {
            Id = Ids.New(),
            ReporterId = reporter.UserId!,
            TargetType = type,
            TargetId = targetId,
            Reason = request.Reason!.Trim(),
            Snapshot = snapshot,
            CreatedAt = clock.UtcNowMicros(),
        };
        db.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        return (report, true);
    }

    private async Task<(string? Id, string Snapshot)> FindTargetAsync(string type, string id, Viewer reporter, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case "user":
                var userId = await users.FindIdAsync(id, cancellationToken) ?? (Ids.IsValid(id) && await db.Users.AnyAsync(u => u.Id == id, cancellationToken) ? id : null);
                return (userId, userId is null ? "" : (await users.GetSummaryAsync(userId, cancellationToken)).Username);
            case "video":
                var video = await videos.FindVisibleAsync(id, reporter, cancellationToken);
                return (video?.Id, video?.Title ?? "");
        }
        if (!Ids.IsValid(id))
        {
            return (null, "");
        }
        var text = type switch
        {
            "comment" => await db.Comments.Where(c => c.Id == id).Select(c => c.Content).FirstOrDefaultAsync(cancellationToken),
            "message" => await db.Set<ChatMessage>().Where(m => m.Id == id).Select(m => m.Text).FirstOrDefaultAsync(cancellationToken),
            _ => await db.Set<Danmaku>().Where(d => d.Id == id).Select(d => d.Text).FirstOrDefaultAsync(cancellationToken),
        };
        return (text is null ? null : id, text ?? "");
    }
}
