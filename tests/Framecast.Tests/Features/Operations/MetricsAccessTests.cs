using System.Net;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Operations;

/// <summary><c>/metrics</c> is for the operator's scraper, not the public (issue 10).</summary>
public sealed class MetricsAccessTests
{
    private const string Token = "scraper-token-0123456789";

    [Fact]
    public async Task Metrics_are_refused_outside_the_allowed_networks_unless_the_token_is_sent()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api", settings: new Dictionary<string, string?>
        {
            ["Operations:MetricsAllowedNetworks:0"] = "10.0.0.0/8",
            ["Operations:MetricsToken"] = Token,
        });

        await (await host.Client.GetAsync("/metrics")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "metrics.forbidden");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrong.Headers.Add("Authorization", $"Bearer {Token}x");
        await (await host.Client.SendAsync(wrong)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "metrics.forbidden");

        using var right = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        right.Headers.Add("Authorization", $"Bearer {Token}");
        var allowed = await host.Client.SendAsync(right);
        allowed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await allowed.Content.ReadAsStringAsync()).Should().Contain("# TYPE");
    }

    [Fact]
    public async Task Behind_a_proxy_a_public_client_is_refused_and_loopback_is_the_default()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api", settings: new Dictionary<string, string?>
        {
            ["Network:KnownProxies:0"] = "127.0.0.1",
        });
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.50");

        await (await host.Client.SendAsync(forwarded)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "metrics.forbidden");
        (await host.Client.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.OK, "the proxy's own loopback requests are the operator's");
    }

    [Fact]
    public async Task A_network_that_is_not_cidr_stops_start_up_with_the_setting_named()
    {
        var start = () => TestHost.StartAsync("sqlite", roles: "api", settings: new Dictionary<string, string?> { ["Operations:MetricsAllowedNetworks:0"] = "ten-dot-something" });

        (await start.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("MetricsAllowedNetworks");
    }
}
