using Framecast.Features.Accounts;
using Framecast.Features.Admin.Users;
using Framecast.Features.Admin.Videos;
using Framecast.Features.Chat;
using Framecast.Features.Comments;
using Framecast.Features.Notifications;
using Framecast.Features.Reports;
using Framecast.Features.Videos;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Admin.Reports;

public enum ResolveOutcome
{
    Done,
    NotFound,
    AlreadyResolved,
    ActionInvalid,
    TargetGone,
    Self,
}

/// <summary>
/// The admins' report queue: acting on a report (take the video down, ban the account, delete the text, or dismiss)
/// resolves it and every other open report of the same thing, and tells each reporter the outcome.
/// </summary>
public sealed class ReportResolution(FramecastDbContext db, ReportTargets targets, IServiceProvider services, NotificationWriter notifications, TimeProvider clock)
{
    public async Task<Page<AdminReportResponse>> ListAsync(bool open, PageCursor? cursor, int limit, CancellationToken cancellationToken)
    {
        var query = db.Set<Report>().AsNoTracking().Where(r => open ? r.Status == "open" : r.Status == "resolved");
        if (cursor is { } c)
        {
            // Open reports are a queue (oldest first); resolved ones a history (newest first).
            query = open
                ? query.Where(r => r.CreatedAt >= c.CreatedAt && (r.CreatedAt > c.CreatedAt || string.Compare(r.Id, c.Id) > 0))
                : query.Where(r => r.CreatedAt <= c.CreatedAt && (r.CreatedAt < c.CreatedAt || string.Compare(r.Id, c.Id) < 0));
        }
        query = open ? query.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id) : query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
        var rows = await query.Take(limit + 1).ToListAsync(cancellationToken);
        var names = await NamesAsync(rows, cancellationToken);
        var items = new List<AdminReportResponse>();
        foreach (var r in rows.Take(limit))
        {
            items.Add(Describe(r, await targets.UrlAsync(r, cancellationToken), names));
        }
        return new Page<AdminReportResponse>(items, rows.Count > limit ? new PageCursor(rows[limit - 1].CreatedAt, rows[limit - 1].Id).Encode() : null);
    }

    public async Task<AdminReportResponse?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var report = Ids.IsValid(id) ? await db.Set<Report>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) : null;
        return report is null ? null : Describe(report, await targets.UrlAsync(report, cancellationToken), await NamesAsync([report], cancellationToken));
    }

    public async Task<ResolveOutcome> ResolveAsync(string id, Viewer admin, string action, string? note, CancellationToken cancellationToken)
    {
        var report = Ids.IsValid(id) ? await db.Set<Report>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) : null;
        if (report is null)
        {
            return ResolveOutcome.NotFound;
        }
        if (report.Status != "open")
        {
            return ResolveOutcome.AlreadyResolved;
        }
        if (!ReportActions.Fits(action, report.TargetType))
        {
            return ResolveOutcome.ActionInvalid;
        }
        if (await ActAsync(report, admin, action, note, cancellationToken) is { } failed)
        {
            return failed;
        }
        var now = clock.UtcNowMicros();
        var resolved = await db.Set<Report>()
            .Where(r => r.TargetType == report.TargetType && r.TargetId == report.TargetId && r.Status == "open")
            .ToListAsync(cancellationToken);
        foreach (var r in resolved)
        {
            r.Status = "resolved";
            r.ResolvedAt = now;
            r.ResolvedBy = admin.UserId;
            r.ResolutionAction = action;
            r.ResolutionNote = note;
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var r in resolved)
        {
            await notifications.ToUserAsync(r.ReporterId, new NotificationDraft(NotificationTypes.Report, r.Id, "admin",
                Message: $"Your report of a {r.TargetType} (\"{NotificationDraft.Excerpt(r.Snapshot)}\") was resolved: {ReportActions.Outcome(action)}"),
                cancellationToken);
        }
        return ResolveOutcome.Done;
    }

    /// <summary>Does what the action says to the reported thing; the outcome when that cannot be done.</summary>
    private async Task<ResolveOutcome?> ActAsync(Report report, Viewer admin, string action, string? note, CancellationToken cancellationToken)
    {
        var reason = string.IsNullOrWhiteSpace(note) ? $"Reported: {report.Reason}" : note;
        switch (action)
        {
            case ReportActions.TakeDown:
                return await services.GetRequiredService<VideoModeration>().TakeDownAsync(report.TargetId, reason, cancellationToken) ? null : ResolveOutcome.TargetGone;
            case ReportActions.Ban:
                var accountId = await targets.AccountAsync(report, cancellationToken);
                var username = accountId is null ? null : await db.Users.Where(u => u.Id == accountId).Select(u => u.Username).FirstOrDefaultAsync(cancellationToken);
                if (username is null)
                {
                    return ResolveOutcome.TargetGone;
                }
                return await services.GetRequiredService<UserModeration>().BanAsync(username, admin.UserId!, reason, cancellationToken) switch
                {
                    UserModerationOutcome.Done => null,
                    UserModerationOutcome.Self => ResolveOutcome.Self,
                    _ => ResolveOutcome.TargetGone,
                };
            case ReportActions.Delete:
                var deleted = report.TargetType switch
                {
                    "comment" => await services.GetRequiredService<CommentsService>().DeleteAsync(report.TargetId, admin, cancellationToken),
                    "message" => await services.GetRequiredService<ChatService>().DeleteAsync(report.TargetId, admin, cancellationToken),
                    _ => await services.GetRequiredService<DanmakuService>().DeleteAsync(report.TargetId, admin, cancellationToken),
                };
                return deleted == AccessOutcome.Done ? null : ResolveOutcome.TargetGone;
            default:
                return null;
        }
    }

    private async Task<Dictionary<string, string>> NamesAsync(IReadOnlyCollection<Report> reports, CancellationToken cancellationToken)
    {
        var ids = reports.Select(r => r.ReporterId).Concat(reports.Select(r => r.ResolvedBy).OfType<string>()).Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Username, cancellationToken);
    }

    private static AdminReportResponse Describe(Report r, string? url, IReadOnlyDictionary<string, string> names) => new(
        r.Id, r.TargetType, r.TargetId, url, r.Snapshot, r.Reason, new AdminUserRef(r.ReporterId, names.GetValueOrDefault(r.ReporterId, "")),
        r.Status, r.CreatedAt,
        r.ResolvedAt is { } at
            ? new AdminReportResolution(r.ResolutionAction ?? ReportActions.Dismiss, r.ResolutionNote,
                r.ResolvedBy is { } by ? new AdminUserRef(by, names.GetValueOrDefault(by, "")) : null, at)
            : null);
}
