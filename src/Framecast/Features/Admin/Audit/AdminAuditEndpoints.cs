using Framecast.Features.Accounts;
using Framecast.Infrastructure.Audit;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Admin.Audit;

public sealed record AuditEntryResponse(string Id, AdminUserRef Actor, string Action, string TargetType, string TargetId, string Detail, string? Address,
    DateTime CreatedAt);

public static class AdminAuditEndpoints
{
    public static IEndpointRouteBuilder MapAdminAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapAdminGroup("/api/v1/admin/audit").MapGet("", List);
        return app;
    }

    /// <summary>Newest first; <c>?action=</c> narrows to one kind (e.g. <c>user.ban</c>).</summary>
    private static async Task<Results<Ok<Page<AuditEntryResponse>>, ProblemHttpResult>> List(string? action, string? cursor, int? limit, FramecastDbContext db,
        CancellationToken cancellationToken)
    {
        if (!PageCursor.TryDecode(cursor, out var position))
        {
            return Problems.InvalidCursor();
        }
        var take = PageCursor.ClampLimit(limit);
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrEmpty(action))
        {
            query = query.Where(a => a.Action == action);
        }
        if (position is { } c)
        {
            query = query.Where(a => a.CreatedAt <= c.CreatedAt && (a.CreatedAt < c.CreatedAt || string.Compare(a.Id, c.Id) < 0));
        }
        var rows = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(take + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(PageCursor.ToPage(rows, take, a => new PageCursor(a.CreatedAt, a.Id),
            a => new AuditEntryResponse(a.Id, new AdminUserRef(a.ActorId ?? "", a.ActorUsername), a.Action, a.TargetType, a.TargetId, a.Detail, a.Address,
                a.CreatedAt)));
    }
}
