using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Framecast.Tests.Features.Playback;
using Framecast.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Framecast.Tests.Features.Operations;

public sealed partial class MetricsTests
{
    [Fact]
    public async Task Metrics_are_prometheus_text_with_the_http_figures_of_this_host()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream");
        var owner = await host.RegisterAsync("metrics");
        var (video, original) = await MediaFixture.CreateReadyAsync(host, owner, originalBytes: 300_000);
        (await owner.Client.GetByteArrayAsync($"/media/{video.Id}/original")).Should().HaveCount(original.Length);
        (await host.Client.GetAsync("/api/v1/videos")).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await host.Client.GetAsync("/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().StartWith("text/plain; version=0.0.4");
        var text = await response.Content.ReadAsStringAsync();

        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal) || Sample().IsMatch(line))
                .Should().BeTrue($"every line is a comment or a sample: {line}");
        }
        text.Should().Contain("# TYPE http_server_request_duration_seconds histogram");
        text.Should().MatchRegex("http_server_request_duration_seconds_bucket\\{[^}]*http_route=\"/api/v1/videos/?\"[^}]*le=\"\\+Inf\"\\} [1-9]");
        text.Should().MatchRegex("http_server_request_duration_seconds_count\\{[^}]*http_route=\"/media/\\{id\\}/original\"[^}]*\\} 1\\b", "only this host's requests are counted");
    }

    [Fact]
    public async Task A_counter_added_to_from_many_threads_at_once_loses_nothing()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "stream");
        var meter = host.Services.GetRequiredService<IMeterFactory>().Create("Framecast.Tests.Concurrency");
        var counter = meter.CreateCounter<long>("framecast.tests.adds");
        // The fast path's event loops add to their counters without a lock; every increment must still count.
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                counter.Add(1);
            }
        });

        var text = await host.Client.GetStringAsync("/metrics");
        text.Should().MatchRegex("(?m)^framecast_tests_adds_total 160000$");
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)$")]
    private static partial Regex Sample();
}
