using Framecast.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Admin.Dashboard;

/// <summary>The numbers behind the console's dashboard (<c>/admin</c>), admins only: anonymous 401, others 403.</summary>
public static class AdminStatsEndpoints
{
    public static IEndpointRouteBuilder MapAdminStatsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapAdminGroup("/api/v1/admin/stats").MapGet("", GetStats);
        return app;
    }

    private static async Task<Ok<AdminStatsResponse>> GetStats(AdminStatsService stats, CancellationToken cancellationToken) =>
        TypedResults.Ok(await stats.GetAsync(cancellationToken));
}
