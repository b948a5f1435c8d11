using System.Text.Json;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;
using Framecast.Infrastructure.Telemetry;
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
        // The lambda runs once the container is built, when every feature has registered its job handlers.
        services.AddSingleton(sp => new JobCounts(sp.GetRequiredService<DbConnectionFactory>(),
            services.Where(d => d.IsKeyedService && d.ServiceType == typeof(IJobHandler) && d.ServiceKey is string).Select(d => (string)d.ServiceKey!),
            sp.GetRequiredService<ILogger<JobCounts>>()));
        services.AddSingleton<ReadinessGauge>();
        services.AddSingleton<IHealthCheckPublisher>(sp => sp.GetRequiredService<ReadinessGauge>());
        services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Predicate = c => c.Tags.Contains(ReadyTag);
            o.Delay = TimeSpan.FromSeconds(2);
            o.Period = TimeSpan.FromSeconds(15);
        });
        services.AddSingleton<IGaugeSource, OperationsGauges>();
        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MetricsAccess>();
        return services;
    }

    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        // Every feature's gauges are created now, so the first scrape has them.
        var meter = app.ServiceProvider.GetRequiredService<FramecastMetrics>().Meter;
        foreach (var source in app.ServiceProvider.GetServices<IGaugeSource>())
        {
            source.CreateGauges(meter);
        }
        var access = app.ServiceProvider.GetRequiredService<MetricsAccess>();
        var jobs = app.ServiceProvider.GetRequiredService<JobCounts>();
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: scrape =>
            {
                scrape.Use(next => http => access.InvokeAsync(http, next));
                // A scrape can wait for the queue's figures; the gauge's own callback cannot.
                scrape.Use(next => async http =>
                {
                    await jobs.RefreshIfStaleAsync(http.RequestAborted);
                    await next(http);
                });
            }, optionsName: null)
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
