using System.Text.Json;
using Framecast.Infrastructure.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Framecast.Features.Operations;

public static class OperationsEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddOperationsFeature(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<FramecastDbContext>("database", tags: [ReadyTag])
            .AddCheck<DataDirectoryHealthCheck>("data-directory", tags: [ReadyTag]);
        services.AddSingleton<PrometheusMetrics>();
        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MetricsAccess>();
        return services;
    }

    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        // Created now, so it listens from the first request on.
        var metrics = app.ServiceProvider.GetRequiredService<PrometheusMetrics>();
        app.MapGet("/metrics", () => TypedResults.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"))
            .AddEndpointFilter(app.ServiceProvider.GetRequiredService<MetricsAccess>())
            .ExcludeFromDescription();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), context.RequestAborted);
    }
}
