using Framecast.Features.Admin.Audit;
using Framecast.Features.Admin.Jobs;
using Framecast.Features.Admin.Reports;
using Framecast.Features.Admin.Settings;
using Framecast.Features.Admin.Users;
using Framecast.Features.Admin.Videos;

namespace Framecast.Features.Admin;

public static class AdminRegistration
{
    public static IServiceCollection AddAdminFeature(this IServiceCollection services)
    {
        services.AddScoped<UserModeration>();
        services.AddScoped<VideoModeration>();
        services.AddScoped<ReportTargets>();
        services.AddScoped<ReportResolution>();
        services.AddScoped<AdminJobs>();
        return services;
    }

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapAdminUsersEndpoints();
        app.MapAdminVideosEndpoints();
        app.MapAdminReportsEndpoints();
        app.MapAdminJobsEndpoints();
        app.MapAdminSettingsEndpoints();
        app.MapAdminAuditEndpoints();
        return app;
    }
}
