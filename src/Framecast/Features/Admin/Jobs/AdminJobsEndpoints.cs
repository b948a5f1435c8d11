using Framecast.Features.Accounts;
using Framecast.Infrastructure.Audit;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Admin.Jobs;

public static class AdminJobsEndpoints
{
    public static IEndpointRouteBuilder MapAdminJobsEndpoints(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapAdminGroup("/api/v1/admin/jobs");
        jobs.MapGet("", List);
        jobs.MapPost("/{id:long}/retry", Retry).Audited("job.retry", "job");
        jobs.MapPost("/{id:long}/cancel", Cancel).Audited("job.cancel", "job");
        return app;
    }

    private static async Task<Results<Ok<Page<AdminJobResponse>>, ValidationProblem, ProblemHttpResult>> List(string? state, string? cursor, int? limit,
        AdminJobs jobs, CancellationToken cancellationToken)
    {
        if (state is not null && !AdminJobs.States.Contains(state))
        {
            return Problems.Validation("state", $"Use one of: {string.Join(", ", AdminJobs.States)}.");
        }
        long? before = null;
        if (cursor is not null)
        {
            if (!AdminJobs.Cursor.TryDecode(cursor, out var id))
            {
                return Problems.InvalidCursor();
            }
            before = id;
        }
        return TypedResults.Ok(await jobs.ListAsync(state, before, PageCursor.ClampLimit(limit), cancellationToken));
    }

    private static async Task<Results<Ok<AdminJobResponse>, ProblemHttpResult>> Retry(long id, AdminJobs jobs, CancellationToken cancellationToken) =>
        await AnswerAsync(id, await jobs.RetryAsync(id, cancellationToken), "Only a failed or dead job can be retried.", jobs, cancellationToken);

    private static async Task<Results<Ok<AdminJobResponse>, ProblemHttpResult>> Cancel(long id, AdminJobs jobs, CancellationToken cancellationToken) =>
        await AnswerAsync(id, await jobs.CancelAsync(id, cancellationToken), "Only a waiting job can be cancelled.", jobs, cancellationToken);

    private static async Task<Results<Ok<AdminJobResponse>, ProblemHttpResult>> AnswerAsync(long id, JobChange change, string finishedDetail, AdminJobs jobs,
        CancellationToken cancellationToken) => change switch
    {
        JobChange.Done => TypedResults.Ok((await jobs.FindAsync(id, cancellationToken))!),
        JobChange.NotFound => Problems.NotFound("job.not_found", "No such job"),
        JobChange.Running => Problems.Create(StatusCodes.Status409Conflict, "job.running", "The job is running", "Wait for it to finish or fail."),
        _ => Problems.Create(StatusCodes.Status409Conflict, "job.state", "Not possible in this state", finishedDetail),
    };
}
