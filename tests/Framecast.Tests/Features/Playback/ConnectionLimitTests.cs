using System.Net;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Playback;

/// <summary>Slow readers hold their slot until they go away; past the per-address limit the answer is 429 at once.</summary>
public sealed class ConnectionLimitTests
{
    // Sparse, so it costs no disk; big enough that serving it to the end would take the server many seconds.
    private const long BigFile = 32L * 1024 * 1024 * 1024;

    [Fact]
    public async Task A_third_concurrent_reader_from_one_address_is_refused_until_one_leaves()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream", settings: new Dictionary<string, string?> { ["Playback:MaxConnectionsPerIp"] = "2" });
        var owner = await host.RegisterAsync("slow");
        var (video, _) = await MediaFixture.CreateReadyAsync(host, owner, originalBytes: 2000);
        await GrowFastStartAsync(host, video.Id);
        var url = $"/media/{video.Id}/video.mp4";

        var first = await host.NewClient().GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        var second = await host.NewClient().GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);

        var third = await host.NewClient().GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        await third.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate.limited");
        third.Headers.RetryAfter.Should().NotBeNull();
        (await host.Client.GetAsync("/api/v1/videos")).StatusCode.Should().Be(HttpStatusCode.OK, "the limit is for media only");

        first.Dispose();
        await Eventually.TrueAsync(async () =>
        {
            using var again = await host.NewClient().GetAsync($"{url}", HttpCompletionOption.ResponseHeadersRead);
            return again.StatusCode == HttpStatusCode.OK;
        }, "the slot of a reader that went away comes back", TimeSpan.FromSeconds(5));
        second.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_reader_that_stops_reading_gives_its_slot_back(bool privateWithToken)
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream", settings: new Dictionary<string, string?>
        {
            ["Playback:MaxConnectionsPerIp"] = "1",
            ["Playback:SendTimeout"] = "00:00:05",
        });
        var owner = await host.RegisterAsync("stall");
        var (video, _) = await MediaFixture.CreateReadyAsync(host, owner, privateWithToken ? Framecast.Features.Videos.Visibility.Private : Framecast.Features.Videos.Visibility.Public, originalBytes: 2000);
        await GrowFastStartAsync(host, video.Id);
        var token = privateWithToken ? $"?token={Uri.EscapeDataString(host.Services.GetRequiredService<Framecast.Features.Playback.PlaybackSigner>().Issue(video.Id))}" : "";
        var url = $"/media/{video.Id}/video.mp4{token}";

        // A client that asks for the file, then never reads: its receive buffer fills and the server's send stalls.
        using var stalled = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp)
        {
            ReceiveBufferSize = 4096,
        };
        await stalled.ConnectAsync(IPAddress.Loopback, host.Address.Port);
        await stalled.SendAsync(System.Text.Encoding.ASCII.GetBytes($"GET {url} HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        var head = new byte[64];
        var received = await stalled.ReceiveAsync(head);
        System.Text.Encoding.ASCII.GetString(head, 0, received).Should().StartWith("HTTP/1.1 200", "the stalled reader got its response started");
        using (var refused = await host.NewClient().GetAsync(url, HttpCompletionOption.ResponseHeadersRead))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the stalled reader holds the address's one slot");
        }

        // Five seconds without a byte accepted end the stalled response; the slot comes back while the client still holds
        // its connection open. (Kestrel's minimum data rate alone would wait for hours: it credits what is in the buffers.)
        await Eventually.TrueAsync(async () =>
        {
            using var again = await host.NewClient().GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            return again.StatusCode == HttpStatusCode.OK;
        }, "the slot of a reader that stopped reading comes back", TimeSpan.FromSeconds(60));
        stalled.Connected.Should().BeTrue("the client never closed: the server let go on its own");
    }

    [Fact]
    public async Task Forwarded_addresses_count_only_from_known_proxies()
    {
        await using var trusting = await TestHost.StartAsync("sqlite", roles: "api,stream", settings: new Dictionary<string, string?>
        {
            ["Playback:MaxConnectionsPerIp"] = "1",
            ["Network:KnownProxies:0"] = "127.0.0.1",
        });
        var owner = await trusting.RegisterAsync("proxy");
        var (video, _) = await MediaFixture.CreateReadyAsync(trusting, owner, originalBytes: 2000);
        await GrowFastStartAsync(trusting, video.Id);
        var url = $"/media/{video.Id}/video.mp4";

        using var a = await SendFromAsync(trusting, url, "203.0.113.1");
        using var b = await SendFromAsync(trusting, url, "203.0.113.2");
        a.StatusCode.Should().Be(HttpStatusCode.OK);
        b.StatusCode.Should().Be(HttpStatusCode.OK, "two clients behind the proxy");
        using var c = await SendFromAsync(trusting, url, "203.0.113.1");
        c.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Forwarded_headers_from_unknown_peers_are_ignored()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream", settings: new Dictionary<string, string?> { ["Playback:MaxConnectionsPerIp"] = "1" });
        var owner = await host.RegisterAsync("spoof");
        var (video, _) = await MediaFixture.CreateReadyAsync(host, owner, originalBytes: 2000);
        await GrowFastStartAsync(host, video.Id);
        var url = $"/media/{video.Id}/video.mp4";

        using var a = await SendFromAsync(host, url, "203.0.113.1");
        using var b = await SendFromAsync(host, url, "203.0.113.2");

        a.StatusCode.Should().Be(HttpStatusCode.OK);
        b.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a client cannot dodge the limit by claiming another address");
    }

    [Fact]
    public async Task Cors_allows_only_configured_origins()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream", settings: new Dictionary<string, string?> { ["Playback:AllowedOrigins:0"] = "https://embed.example" });
        var owner = await host.RegisterAsync("cors");
        var (video, _) = await MediaFixture.CreateReadyAsync(host, owner);

        using var allowed = new HttpRequestMessage(HttpMethod.Get, $"/media/{video.Id}/hls/master.m3u8");
        allowed.Headers.Add("Origin", "https://embed.example");
        using var refused = new HttpRequestMessage(HttpMethod.Get, $"/media/{video.Id}/hls/master.m3u8");
        refused.Headers.Add("Origin", "https://evil.example");

        (await host.Client.SendAsync(allowed)).Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://embed.example");
        (await host.Client.SendAsync(refused)).Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    private static async Task GrowFastStartAsync(TestHost host, string videoId)
    {
        // Larger than every socket buffer between us, so an unread response keeps the server mid-body.
        await using var file = new FileStream(Path.Combine(host.Database.DataDirectory, "media", videoId, "video.mp4"), FileMode.Open);
        file.SetLength(BigFile);
    }

    private static Task<HttpResponseMessage> SendFromAsync(TestHost host, string url, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return host.NewClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
