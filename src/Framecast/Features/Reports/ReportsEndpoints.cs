using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Reports;

public static class ReportsEndpoints
{
    public static IEndpointRouteBuilder MapReportsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/reports").WithTags("Reports").MapPost("/", FileReport).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Created<ReportResponse>, Ok<ReportResponse>, ValidationProblem, ProblemHttpResult>> FileReport(ReportRequest request,
        ClaimsPrincipal user, ReportsService reports, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }
        var (report, created) = await reports.ReportAsync(Viewer.From(user), request, cancellationToken);
        if (report is null)
        {
            return Problems.NotFound("report.target_not_found", $"No such {request.TargetType}");
        }
        var response = new ReportResponse(report.Id, report.TargetType, report.TargetId, report.Status, report.CreatedAt);
        return created ? TypedResults.Created($"/api/v1/reports/{report.Id}", response) : TypedResults.Ok(response);
    }
}

public sealed record ReportResponse(string Id, string TargetType, string TargetId, string Status, DateTime CreatedAt);
