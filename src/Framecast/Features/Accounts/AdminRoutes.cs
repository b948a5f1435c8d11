using Framecast.Infrastructure.Audit;

namespace Framecast.Features.Accounts;

public static class AdminRoutes
{
    /// <summary>A group of admin endpoints: admins only (401 anonymous, 403 others) and every change audited.</summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix).WithTags("Admin")
            .RequireAuthorization(policy => policy.RequireRole(SessionAuthenticationHandler.AdminRole));
        group.AddEndpointFilter<AuditFilter>();
        return group;
    }
}
