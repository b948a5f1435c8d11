using System.Collections.Concurrent;
using System.Net;
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
    [Fact]
    public async Task Metrics_and_traces_are_posted_as_protobuf_to_the_configured_endpoint()
    {
        var received = new ConcurrentQueue<(string Path, string? ContentType, long Bytes)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            received.Enqueue((http.Request.Path.Value!, http.Request.ContentType, body.Length));
            return Results.Ok();
        });
        await collector.StartAsync();

        await using var host = await TestHost.StartAsync("sqlite", roles: "api", settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Urls.Single(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        (await host.Client.GetAsync("/api/v1/videos")).StatusCode.Should().Be(HttpStatusCode.OK);

        await Eventually.TrueAsync(() => Task.FromResult(received.Any(r => r.Path == "/v1/metrics") && received.Any(r => r.Path == "/v1/traces")),
            "the host exports both metrics and traces");
        received.Should().OnlyContain(r => r.ContentType == "application/x-protobuf" && r.Bytes > 0);
    }

    [Fact]
    public async Task Without_an_endpoint_no_trace_is_recorded_and_metrics_stay_on_the_scrape_endpoint()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api");

        host.Services.GetService<OpenTelemetry.Trace.TracerProvider>().Should().BeNull("traces are only worth recording when they are exported");
        (await host.Client.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
