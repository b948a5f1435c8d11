using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Framecast.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Framecast.Tests.Features.Operations;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set (and the standard <c>OTEL_*</c> settings), a host posts its metrics and
/// traces over OTLP/HTTP in protobuf, here to a small collector stand-in that records what arrives.
/// </summary>
public sealed class OtlpExportTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Metrics_and_traces_are_posted_as_protobuf_to_the_configured_endpoint(string provider)
    {
        var received = new ConcurrentQueue<(string Path, string? ContentType, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            received.Enqueue((http.Request.Path.Value!, http.Request.ContentType, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();

        await using var host = await TestHost.StartAsync(provider, roles: "api", settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Urls.Single(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        (await host.Client.GetAsync("/api/v1/videos")).StatusCode.Should().Be(HttpStatusCode.OK);

        await Eventually.TrueAsync(() => Task.FromResult(received.Any(r => r.Path == "/v1/metrics") && received.Any(r => r.Path == "/v1/traces")),
            "the host exports both metrics and traces");
        received.Should().OnlyContain(r => r.ContentType == "application/x-protobuf" && r.Body.Length > 0);
        if (provider == "postgres")
        {
            // The instrumentation scope's name is plain UTF-8 in the protobuf: the driver's spans (the list's queries) are there.
            await Eventually.TrueAsync(() => Task.FromResult(received.Any(r => r.Path == "/v1/traces" && Encoding.UTF8.GetString(r.Body).Contains("Npgsql", StringComparison.Ordinal))),
                "PostgreSQL commands are traced");
        }
        // The job queue's gauge reads the jobs table on either database, also when the exporter's first collection
        // came before the test host's migrations had made it (a failed read is retried, not cached).
        (await host.Client.GetStringAsync("/metrics")).Should().Contain("framecast_jobs{");
    }

    [Fact]
    public async Task Without_an_endpoint_no_trace_is_recorded_and_metrics_stay_on_the_scrape_endpoint()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api");

        host.Services.GetService<OpenTelemetry.Trace.TracerProvider>().Should().BeNull("traces are only worth recording when they are exported");
        (await host.Client.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
