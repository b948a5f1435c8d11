using Framecast.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Admin.Dashboard;

/// <summary>The numbers behind the console's dashboard (<c>/admin</c>), admins only: anonymous 401, others 403.</summary>
public static class AdminStatsEndpoints
{
    public static IEndpointRouteBuilder MapAdminStatsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/admin/stats", GetStats).WithTags("Admin")
            .RequireAuthorization(policy => policy.RequireRole(SessionAuthenticationHandler.AdminRole));
        return app;
    }

    private static async Task<Ok<AdminStatsResponse>> GetStats(AdminStatsService stats, CancellationToken cancellationToken) =>
        TypedResults.Ok(await stats.GetAsync(cancellationToken));
}
