using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Infrastructure.Audit;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Admin.Reports;

public static class AdminReportsEndpoints
{
    public static IEndpointRouteBuilder MapAdminReportsEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapAdminGroup("/api/v1/admin/reports");
        reports.MapGet("", List);
        reports.MapPost("/{id}/resolve", Resolve).Audited("report.resolve", "report");
        return app;
    }

    private static async Task<Results<Ok<Page<AdminReportResponse>>, ValidationProblem, ProblemHttpResult>> List(string? status, string? cursor, int? limit,
        ReportResolution reports, CancellationToken cancellationToken)
    {
        if (status is not (null or "open" or "resolved"))
        {
            return Problems.Validation("status", "Use open or resolved.");
        }
        if (!PageCursor.TryDecode(cursor, out var position))
        {
            return Problems.InvalidCursor();
        }
        return TypedResults.Ok(await reports.ListAsync(status != "resolved", position, PageCursor.ClampLimit(limit), cancellationToken));
    }

    private static async Task<Results<Ok<AdminReportResponse>, ValidationProblem, ProblemHttpResult>> Resolve(string id, ResolveReportRequest request,
        ClaimsPrincipal user, ReportResolution reports, CancellationToken cancellationToken)
    {
        var action = request.Action?.Trim().ToLowerInvariant() ?? "";
        if (action is not (ReportActions.Dismiss or ReportActions.TakeDown or ReportActions.Ban or ReportActions.Delete))
        {
            return Problems.Validation("action", "Use dismiss, takedown, ban or delete.");
        }
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > ResolveReportRequest.MaxNoteLength })
        {
            return Problems.Validation("note", $"Keep the note under {ResolveReportRequest.MaxNoteLength} characters.");
        }
        return await reports.ResolveAsync(id, Viewer.From(user), action, note, cancellationToken) switch
        {
            ResolveOutcome.Done => TypedResults.Ok((await reports.FindAsync(id, cancellationToken))!),
            ResolveOutcome.NotFound => Problems.NotFound("report.not_found", "No such report"),
            ResolveOutcome.AlreadyResolved => Problems.Create(StatusCodes.Status409Conflict, "report.resolved", "Already resolved", "Another admin resolved this report."),
            ResolveOutcome.ActionInvalid => Problems.Create(StatusCodes.Status422UnprocessableEntity, "report.action_invalid", "Action does not fit",
                "Take down fits videos; ban fits users and the authors of comments, messages and danmaku; delete fits comments, messages and danmaku."),
            ResolveOutcome.Self => Problems.Create(StatusCodes.Status422UnprocessableEntity, "admin.self", "Not on your own account", "You cannot ban yourself."),
            _ => Problems.Create(StatusCodes.Status409Conflict, "report.target_gone", "The reported item is gone",
                "It was deleted already: dismiss the report instead."),
        };
    }
}
