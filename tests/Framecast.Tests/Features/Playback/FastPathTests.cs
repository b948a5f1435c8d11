using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Framecast.Features.Playback;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http.FastPath;
using Framecast.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Framecast.Tests.Features.Playback;

/// <summary>
/// The media fast path (an epoll loop in front of Kestrel) must be indistinguishable from the endpoints, except in
/// speed: the same status, headers and bytes for what it answers, and everything else left to the endpoints, even on
/// a connection it has already answered on. Its counters prove which of the two answered.
/// </summary>
public sealed class FastPathTests
{
    private static readonly Action<IServiceCollection> ShortHandOff = s => s.Configure<FastPathOptions>(o => o.IdleHandOff = TimeSpan.FromMilliseconds(200));

    [Fact]
    public async Task It_answers_with_the_same_status_headers_and_bytes_as_the_endpoints()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream");
        using var counts = new FastPathCounts(host);
        var owner = await host.RegisterAsync("fastsame");
        var (video, original) = await MediaFixture.CreateReadyAsync(host, owner, originalBytes: 300_000);
        var media = $"/media/{video.Id}";
        var cases = new (string Method, string Path, string? Range)[]
        {
            ("GET", $"{media}/hls/master.m3u8", null),
            ("GET", $"{media}/hls/360p/index.m3u8", null),
            ("GET", $"{media}/hls/360p/init.mp4", null),
            ("GET", $"{media}/hls/360p/seg_00000.m4s", null),
            ("GET", $"{media}/original", null),
            ("GET", $"{media}/video.mp4", null),
            ("GET", $"{media}/thumbnail.jpg", null),
            ("GET", $"{media}/storyboard.vtt", null),
            ("HEAD", $"{media}/original", null),
            ("HEAD", $"{media}/hls/360p/seg_00000.m4s", null),
            ("GET", $"{media}/original", "bytes=100-199"),
            ("GET", $"{media}/original", "bytes=299990-"),
            ("GET", $"{media}/original", "bytes=-50"),
            ("GET", $"{media}/original", "bytes=299000-999999999"),
            ("GET", $"{media}/original", "bytes=-999999"),
        };
        foreach (var (method, path, range) in cases)
        {
            // A query string is one of the things the fast path leaves to the endpoints.
            var expected = await SendAsync(host, method, path + "?via=endpoint", range);
            var actual = await SendAsync(host, method, path, range);
            var what = $"{method} {path} {range}";
            actual.Status.Should().Be(expected.Status, what);
            actual.Headers.Where(h => h.Key != "date").Should().BeEquivalentTo(expected.Headers.Where(h => h.Key != "date"), what);
            actual.Headers.Should().ContainKey("date");
            actual.Body.Should().Equal(expected.Body, what);
        }
        counts.Responses.Should().Be(cases.Length, "every request without the query string was the fast path's");
        (await SendAsync(host, "GET", $"{media}/original", "bytes=100-199")).Body.Should().Equal(original[100..200]);
    }

    [Fact]
    public async Task What_it_does_not_take_goes_to_the_endpoints_on_the_same_connection()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream");
        var owner = await host.RegisterAsync("fastmix");
        var (video, original) = await MediaFixture.CreateReadyAsync(host, owner, originalBytes: 20_000);
        // Counted from here: the API calls above came on connections that were handed off too.
        using var counts = new FastPathCounts(host);
        var segmentPath = $"/media/{video.Id}/hls/360p/seg_00000.m4s";
        using var connection = await RawConnection.OpenAsync(host);

        var first = await connection.SendAsync("GET", segmentPath);
        first.Status.Should().Be(200);
        counts.Responses.Should().Be(1);

        var etag = first.Headers["etag"];
        (await connection.SendAsync("GET", segmentPath, $"If-None-Match: {etag}")).Status.Should().Be(304);
        (await connection.SendAsync("GET", segmentPath)).Body.Should().Equal(first.Body);
        var many = await connection.SendAsync("GET", $"/media/{video.Id}/original", "Range: bytes=0-1,5-6");
        many.Status.Should().Be(200, "several ranges are answered with the whole file");
        many.Body.Should().Equal(original);
        var unsatisfiable = await connection.SendAsync("GET", $"/media/{video.Id}/original", "Range: bytes=999999-");
        unsatisfiable.Status.Should().Be(416);
        unsatisfiable.Headers["content-range"].Should().Be($"bytes */{original.Length}");
        var traversal = await connection.SendAsync("GET", $"/media/{video.Id}/%2e%2e/original");
        traversal.Status.Should().Be(404);
        traversal.Headers["content-type"].Should().StartWith("application/problem+json");
        (await connection.SendAsync("GET", $"/api/v1/videos/{video.Id}")).Status.Should().Be(200);

        counts.Responses.Should().Be(1, "only the first request was the fast path's");
        counts.HandOffs.Should().Be(1, "the connection went to Kestrel once, with the conditional request unread");
    }

    [Fact]
    public async Task Pipelined_requests_are_answered_in_order()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream");
        var owner = await host.RegisterAsync("fastpipe");
        var (video, original) = await MediaFixture.CreateReadyAsync(host, owner, originalBytes: 3 * 1024 * 1024);
        using var counts = new FastPathCounts(host);
        using var connection = await RawConnection.OpenAsync(host);
        var url = $"/media/{video.Id}/original";

        await connection.SendHeadOnlyAsync("GET", url, "Range: bytes=5-9");
        await connection.SendHeadOnlyAsync("HEAD", url);
        await connection.SendHeadOnlyAsync("GET", url);
        await connection.SendHeadOnlyAsync("GET", url, "Range: bytes=-3");

        (await connection.ReadAsync(head: false)).Body.Should().Equal(original[5..10]);
        (await connection.ReadAsync(head: true)).Headers["content-length"].Should().Be(original.Length.ToString(CultureInfo.InvariantCulture));
        (await connection.ReadAsync(head: false)).Body.SequenceEqual(original).Should().BeTrue();
        (await connection.ReadAsync(head: false)).Body.Should().Equal(original[^3..]);
        counts.Responses.Should().Be(4);
    }

    [Fact]
    public async Task Private_media_is_always_the_endpoints()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream");
        using var counts = new FastPathCounts(host);
        var owner = await host.RegisterAsync("fastprivate");
        var (video, original) = await MediaFixture.CreateReadyAsync(host, owner, Visibility.Private);
        var url = $"/media/{video.Id}/original";

        (await SendAsync(host, "GET", url, null)).Status.Should().Be(404);
        (await host.NewClient(owner.Token).GetByteArrayAsync(url)).Should().Equal(original);
        counts.Responses.Should().Be(0);
    }

    [Fact]
    public async Task A_kept_alive_connection_stays_fast_between_requests()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream",
            services: ShortHandOff);
        var owner = await host.RegisterAsync("fastidle");
        var (video, _) = await MediaFixture.CreateReadyAsync(host, owner);
        using var counts = new FastPathCounts(host);
        var path = $"/media/{video.Id}/hls/360p/seg_00000.m4s";
        using var connection = await RawConnection.OpenAsync(host);

        var before = await connection.SendAsync("GET", path);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // a player with a full buffer: well past the hand-off time
        var after = await connection.SendAsync("GET", path);

        after.Body.Should().Equal(before.Body);
        counts.Responses.Should().Be(2, "a kept-alive connection between requests is not handed off");
        counts.HandOffs.Should().Be(0);
    }

    [Fact]
    public async Task A_request_head_that_stalls_goes_to_kestrel()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream",
            services: ShortHandOff);
        var owner = await host.RegisterAsync("fastslowhead");
        var (video, _) = await MediaFixture.CreateReadyAsync(host, owner);
        using var counts = new FastPathCounts(host);
        using var connection = await RawConnection.OpenAsync(host);

        await connection.SendRawAsync($"GET /media/{video.Id}/original HTTP/1.1\r\nHost: {host.Address.Authority}\r\n");
        await Eventually.TrueAsync(() => Task.FromResult(counts.HandOffs == 1), "the half-sent head is handed to Kestrel", TimeSpan.FromSeconds(5));
        await connection.SendRawAsync("\r\n");

        (await connection.ReadAsync(head: false)).Status.Should().Be(200, "Kestrel answers the request once it is whole");
        counts.Responses.Should().Be(0);
    }

    [Fact]
    public async Task A_kept_alive_connection_idle_past_the_keep_alive_timeout_is_closed()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream",
            services: s => s.Configure<FastPathOptions>(o => o.KeepAliveTimeout = TimeSpan.FromMilliseconds(300)));
        var owner = await host.RegisterAsync("fastkeepalive");
        var (video, _) = await MediaFixture.CreateReadyAsync(host, owner);
        using var connection = await RawConnection.OpenAsync(host);

        (await connection.SendAsync("GET", $"/media/{video.Id}/thumbnail.jpg")).Status.Should().Be(200);

        var closed = async () => await connection.ReadAsync(head: false);
        await closed.Should().ThrowAsync<EndOfStreamException>("the server closes an idle kept-alive connection");
    }

    [Fact]
    public async Task A_reader_that_stops_reading_is_cut_off_and_its_slot_comes_back()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream",
            settings: new Dictionary<string, string?> { ["Playback:MaxConnectionsPerIp"] = "1" },
            services: s => s.Configure<FastPathOptions>(o => o.RateWindow = TimeSpan.FromSeconds(1)));
        var owner = await host.RegisterAsync("faststall");
        var (video, _) = await MediaFixture.CreateReadyAsync(host, owner, originalBytes: 2000);
        await using (var file = new FileStream(Path.Combine(host.Database.DataDirectory, "media", video.Id, "original"), FileMode.Open))
        {
            file.SetLength(8L * 1024 * 1024 * 1024); // sparse: far more than the socket buffers between us hold
        }
        var url = $"/media/{video.Id}/original";

        using var stalled = await RawConnection.OpenAsync(host);
        await stalled.SendHeadOnlyAsync("GET", url);
        (await stalled.ReadAsync(head: true)).Status.Should().Be(200, "the response has begun; its body is never read");
        (await host.NewClient().GetAsync(url, HttpCompletionOption.ResponseHeadersRead)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        // The reader never reads again and never closes; after a window with (almost) nothing sent, the server gives up.
        await Eventually.TrueAsync(async () =>
        {
            using var next = await host.NewClient().GetAsync($"{url}", HttpCompletionOption.ResponseHeadersRead);
            return next.StatusCode == HttpStatusCode.OK;
        }, "the stalled response is aborted and its slot freed", TimeSpan.FromSeconds(15));
    }

    [Theory]
    [InlineData("bytes=0-0", 1000, 0L, 1L)]
    [InlineData("bytes=10-19", 1000, 10L, 10L)]
    [InlineData("bytes=990-", 1000, 990L, 10L)]
    [InlineData("bytes=-10", 1000, 990L, 10L)]
    [InlineData("bytes=-5000", 1000, 0L, 1000L)]
    [InlineData("bytes=900-5000", 1000, 900L, 100L)]
    public void A_single_satisfiable_range_is_taken(string range, long length, long start, long count)
    {
        PlaybackFastResponder.TryParseRange(Encoding.ASCII.GetBytes(range), length, out var s, out var c).Should().BeTrue();
        (s, c).Should().Be((start, count));
    }

    [Theory]
    [InlineData("bytes=1000-")]
    [InlineData("bytes=-0")]
    [InlineData("bytes=20-10")]
    [InlineData("bytes=0-1,5-6")]
    [InlineData("bytes= 0-1")]
    [InlineData("Bytes=0-1")]
    [InlineData("items=0-1")]
    [InlineData("bytes=-")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=99999999999999999999-")]
    public void Anything_else_is_left_to_the_endpoints(string range) =>
        PlaybackFastResponder.TryParseRange(Encoding.ASCII.GetBytes(range), 1000, out _, out _).Should().BeFalse();

    [Theory]
    [InlineData("GET /media/a/original HTTP/1.1\r\nHost: x\r\n\r\n", "Ok")]
    [InlineData("HEAD /media/a/original HTTP/1.1\r\nhost: x\r\nRange: bytes=0-1\r\nCookie: a=b\r\n\r\n", "Ok")]
    [InlineData("GET /media/a/original HTTP/1.1\r\nHost: x\r\n", "Incomplete")]
    [InlineData("POST /media/a/original HTTP/1.1\r\nHost: x\r\n\r\n", "HandOff")]
    [InlineData("GET /media/a/original HTTP/1.0\r\nHost: x\r\n\r\n", "HandOff")]
    [InlineData("GET /media/a/original HTTP/1.1\r\n\r\n", "HandOff")]
    [InlineData("GET /media/a/original HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", "HandOff")]
    [InlineData("GET /media/a/original HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nUser-Agent: Mozilla/5.0\r\nSec-Fetch-Mode: no-cors\r\n\r\n", "Ok")]
    [InlineData("GET /media/a/original HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "HandOff")]
    [InlineData("GET /media/a/original HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n", "HandOff")]
    [InlineData("GET /media/a/original HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"a\"\r\n\r\n", "HandOff")]
    [InlineData("GET /media/a/original HTTP/1.1\r\nHost: x\r\nOrigin: https://a.example\r\n\r\n", "HandOff")]
    [InlineData("GET /media/a/original HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", "HandOff")]
    [InlineData("GET /media/a/original HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", "HandOff")]
    [InlineData("GET /media/a/original HTTP/1.1\r\nHost : x\r\n\r\n", "HandOff")]
    [InlineData("GET /media/a b HTTP/1.1\r\nHost: x\r\n\r\n", "HandOff")]
    [InlineData("GET /media/a/original HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1\r\nRange: bytes=2-3\r\n\r\n", "HandOff")]
    public void Request_heads_are_read_strictly(string head, string expected)
    {
        RequestHeadParser.Parse(Encoding.ASCII.GetBytes(head), out _, out _).ToString().Should().Be(expected);
    }

    private static async Task<RawResponse> SendAsync(TestHost host, string method, string path, string? range)
    {
        using var connection = await RawConnection.OpenAsync(host);
        return await connection.SendAsync(method, path, range is null ? null : $"Range: {range}");
    }

    /// <summary>The fast path's two counters on one host: responses it sent, connections it handed to Kestrel.</summary>
    private sealed class FastPathCounts(TestHost host) : IDisposable
    {
        private readonly InstrumentTotal responses = new(host, FastPathMetrics.MeterName, "framecast.http.fastpath.responses");
        private readonly InstrumentTotal handOffs = new(host, FastPathMetrics.MeterName, "framecast.http.fastpath.handoffs");

        public long Responses => responses.Total;

        public long HandOffs => handOffs.Total;

        public void Dispose()
        {
            responses.Dispose();
            handOffs.Dispose();
        }
    }

    /// <summary>One kept-alive connection, one request at a time, every byte of the answer read off the wire.</summary>
    private sealed class RawConnection : IDisposable
    {
        private readonly Socket socket;
        private readonly NetworkStream stream;
        private readonly RawResponseReader reader;
        private readonly string authority;

        private RawConnection(Socket socket, string authority)
        {
            this.socket = socket;
            this.authority = authority;
            stream = new NetworkStream(socket, ownsSocket: false);
            reader = new RawResponseReader(stream);
        }

        public static async Task<RawConnection> OpenAsync(TestHost host)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
            await socket.ConnectAsync(host.Address.Host, host.Address.Port);
            return new RawConnection(socket, host.Address.Authority);
        }

        public async Task<RawResponse> SendAsync(string method, string path, string? header = null)
        {
            await SendHeadOnlyAsync(method, path, header);
            return await reader.ReadAsync(head: method == "HEAD");
        }

        public Task<RawResponse> ReadAsync(bool head) => reader.ReadAsync(head);

        public async Task SendRawAsync(string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text));

        public async Task SendHeadOnlyAsync(string method, string path, string? header = null)
        {
            var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\nHost: {authority}\r\n");
            if (header is not null)
            {
                request.Append(header).Append("\r\n");
            }
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()));
        }

        public void Dispose()
        {
            stream.Dispose();
            socket.Dispose();
        }
    }
}
