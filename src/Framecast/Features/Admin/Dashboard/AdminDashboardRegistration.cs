namespace Framecast.Features.Admin.Dashboard;

public static class AdminDashboardRegistration
{
    public static IServiceCollection AddAdminDashboard(this IServiceCollection services)
    {
        services.AddSingleton<MediaStorageGauge>();
        services.AddScoped<AdminStatsService>();
        return services;
    }

    /// <summary>First in the pipeline, on every role: errors are counted wherever they happen.</summary>
    public static IApplicationBuilder UseServerErrorCounting(this IApplicationBuilder app) => app.UseMiddleware<ServerErrorCounter>();
}
