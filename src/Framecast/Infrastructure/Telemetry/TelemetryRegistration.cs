using System.Diagnostics.Metrics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Framecast.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry for every role: metrics from our meter, ASP.NET Core, HttpClient, Npgsql and the runtime, scraped at
/// <c>/metrics</c> (Features/Operations maps it); OTLP export of metrics and traces (ASP.NET Core, HttpClient, Npgsql)
/// only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (protocol, headers and intervals from the standard
/// <c>OTEL_*</c> variables); log lines carry the trace and span ids.
/// </summary>
public static class TelemetryRegistration
{
    public const string ServiceName = "framecast";

    public static WebApplicationBuilder AddFramecastTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FramecastMetrics>();
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService(ServiceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter($"{FramecastMetrics.MeterName}*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("Microsoft.AspNetCore.SignalR")
                // Every scrape collects afresh: the queue gauge has its own cache (JobCounts).
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            ((IDeferredMeterProviderBuilder)metrics).Configure((services, b) => b.AddView(ThisHostOnly(services.GetRequiredService<IMeterFactory>())));
            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter());
        }
        return builder;
    }

    /// <summary>
    /// Meters are named per library, not per host: with several hosts in one process (the tests, or a host embedding
    /// Framecast) each would count all of their requests. Instruments from another host's meter factory are dropped;
    /// process-wide meters (the runtime's, a bare HttpClient's) have no factory and stay.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> ThisHostOnly(IMeterFactory ours) =>
        instrument => instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, ours) ? MetricStreamConfiguration.Drop : null;

    // Scrapes and probes every few seconds would drown the traces worth reading.
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");
}
