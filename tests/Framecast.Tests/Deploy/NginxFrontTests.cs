using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Framecast.Features.Videos;
using Framecast.Tests.Features.Playback;
using Framecast.Tests.Support;

namespace Framecast.Tests.Deploy;

/// <summary>The shipped nginx configuration in front of a real Framecast (issue 11): nginx sends the bytes, Framecast decides.</summary>
public sealed class NginxFrontTests
{
    private static readonly Dictionary<string, string?> BehindNginx = new() { ["Network:KnownProxies:0"] = "127.0.0.1" };

    [Fact]
    public async Task Ranges_conditionals_and_head_through_nginx_match_framecast_alone()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,web,stream", settings: BehindNginx);
        await using var nginx = await NginxServer.StartAsync(host);
        var owner = await host.RegisterAsync("nginxrange");
        var (video, original) = await MediaFixture.CreateReadyAsync(host, owner);
        using var front = nginx.NewClient();
        var direct = host.NewClient();

        foreach (var path in new[] { "video.mp4", "hls/360p/seg_00000.m4s", "hls/master.m3u8", "thumbnail.jpg" })
        {
            var url = $"/media/{video.Id}/{path}";
            foreach (var range in new[] { null, "bytes=0-99", "bytes=-100", "bytes=10-", "bytes=99990-200000", "bytes=900000-" })
            {
                var (viaNginx, alone) = (await SendAsync(front, url, range), await SendAsync(direct, url, range));
                viaNginx.Status.Should().Be(alone.Status, $"{url} {range}");
                viaNginx.Body.Should().Equal(alone.Body, $"{url} {range}");
                viaNginx.ContentRange.Should().Be(alone.ContentRange, $"{url} {range}");
            }
            var head = await front.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            head.StatusCode.Should().Be(HttpStatusCode.OK);
            head.Content.Headers.ContentLength.Should().Be((await direct.GetByteArrayAsync(url)).Length);
            head.Headers.CacheControl!.ToString().Should().Be((await direct.GetAsync(url)).Headers.CacheControl!.ToString(), "Framecast's caching rules, sent by nginx");

            var etag = head.Headers.ETag!;
            using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
            conditional.Headers.IfNoneMatch.Add(etag);
            (await front.SendAsync(conditional)).StatusCode.Should().Be(HttpStatusCode.NotModified);
            using var ifRange = new HttpRequestMessage(HttpMethod.Get, url);
            ifRange.Headers.Range = new RangeHeaderValue(0, 9);
            ifRange.Headers.IfRange = new RangeConditionHeaderValue(etag);
            (await front.SendAsync(ifRange)).StatusCode.Should().Be(HttpStatusCode.PartialContent);
            using var staleIfRange = new HttpRequestMessage(HttpMethod.Get, url);
            staleIfRange.Headers.Range = new RangeHeaderValue(0, 9);
            staleIfRange.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"stale\""));
            (await front.SendAsync(staleIfRange)).StatusCode.Should().Be(HttpStatusCode.OK, "a changed file is sent whole");
        }
        (await front.GetByteArrayAsync($"/media/{video.Id}/video.mp4")).Should().Equal(original);
        await (await front.GetAsync($"/media/{video.Id}/hls/360p/seg_00001.m4s")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "media.not_found");
        foreach (var sneaky in new[] { $"/media/{video.Id}/..%2Foriginal", $"/media/{video.Id}/hls/..%2F..%2Foriginal", $"/media//{video.Id}/original", $"/media/{video.Id}/%6Friginal" })
        {
            (await front.GetAsync(sneaky)).StatusCode.Should().Be(HttpStatusCode.NotFound, $"{sneaky} is no way around the owner-only original");
        }
    }

    [Fact]
    public async Task Private_media_needs_a_token_and_stops_with_a_change_of_visibility_or_a_deletion()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,web,stream", settings: BehindNginx);
        await using var nginx = await NginxServer.StartAsync(host);
        var owner = await host.RegisterAsync("nginxpriv");
        var (secret, _) = await MediaFixture.CreateReadyAsync(host, owner, Visibility.Private);
        var (shown, _) = await MediaFixture.CreateReadyAsync(host, owner);
        using var front = nginx.NewClient();
        using var asOwner = nginx.NewClient(owner.Token);

        await (await front.GetAsync($"/media/{secret.Id}/hls/360p/seg_00000.m4s")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "media.not_found");
        await (await front.GetAsync($"/media/{secret.Id}/original")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "media.not_found");
        var hlsUrl = (await (await asOwner.GetAsync($"/api/v1/videos/{secret.Id}")).ShouldBeJsonAsync()).GetProperty("hlsUrl").GetString()!;
        var master = await front.GetStringAsync(hlsUrl);
        master.Should().Contain("?token=", "a private playlist passes its token on (Framecast writes it)");
        var token = hlsUrl[(hlsUrl.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var segment = await front.GetAsync($"/media/{secret.Id}/hls/360p/seg_00000.m4s?token={token}");
        segment.StatusCode.Should().Be(HttpStatusCode.OK);
        segment.Headers.CacheControl!.Private.Should().BeTrue();
        (await asOwner.GetAsync($"/media/{secret.Id}/original")).StatusCode.Should().Be(HttpStatusCode.OK, "the owner's own upload, by session");

        (await front.GetAsync($"/media/{shown.Id}/thumbnail.jpg")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await owner.Client.PatchAsJsonAsync($"/api/v1/videos/{shown.Id}", new { visibility = "private" })).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await front.GetAsync($"/media/{shown.Id}/thumbnail.jpg")).StatusCode == HttpStatusCode.NotFound,
            "nginx stops sending a video made private", TimeSpan.FromSeconds(10));
        (await owner.Client.DeleteAsync($"/api/v1/videos/{secret.Id}")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.TrueAsync(async () => (await front.GetAsync($"/media/{secret.Id}/hls/360p/seg_00000.m4s?token={token}")).StatusCode == HttpStatusCode.NotFound,
            "nor a deleted one, token or not", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_200_mb_tus_upload_streams_through_nginx()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,web,stream", settings: BehindNginx);
        await using var nginx = await NginxServer.StartAsync(host);
        var user = await host.RegisterAsync("nginxbig");
        using var front = nginx.NewClient(user.Token);
        const long length = 200L * 1024 * 1024;
        const int chunk = 50 * 1024 * 1024;

        var created = await front.SendAsync(TusClient.Create(length, TusClient.Metadata(("filename", "big.bin"))));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var location = created.Headers.Location!.ToString();
        var buffer = new byte[chunk];
        HttpResponseMessage? last = null;
        for (long offset = 0; offset < length; offset += chunk)
        {
            last = await front.SendAsync(TusClient.Patch(location, offset, buffer));
            last.StatusCode.Should().Be(HttpStatusCode.NoContent, await last.Content.ReadAsStringAsync());
        }

        last!.Headers.GetValues("Upload-Offset").Single().Should().Be(length.ToString());
        last.VideoId().Should().NotBeNullOrEmpty("the upload became a video");
        nginx.BufferedBodies.Should().Be(0, "nginx streamed the chunks instead of spooling them to disk");
    }

    [Fact]
    public async Task Tls_and_http2_through_nginx_and_framecast_sees_the_real_client_address()
    {
        var settings = new Dictionary<string, string?>(BehindNginx) { ["Operations:MetricsAllowedNetworks:0"] = "127.0.0.2/32" };
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,web,stream", settings: settings);
        await using var nginx = await NginxServer.StartAsync(host);

        using var http2 = nginx.NewClient(version: HttpVersion.Version20);
        var page = await http2.GetAsync("/");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Version.Should().Be(HttpVersion.Version20);

        using var fromAllowed = nginx.NewClient(from: IPAddress.Parse("127.0.0.2"));
        using var fromOther = nginx.NewClient(from: IPAddress.Parse("127.0.0.3"));
        (await fromAllowed.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.OK, "Framecast judges 127.0.0.2, not nginx's own address");
        (await fromOther.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_trusted_network_stands_in_for_proxies_without_a_fixed_address()
    {
        // Kubernetes' nginx pods change address; Network:KnownNetworks trusts their network instead (deploy/k8s/config.yaml).
        var metricsFrom2 = new Dictionary<string, string?> { ["Operations:MetricsAllowedNetworks:0"] = "127.0.0.2/32" };
        foreach (var (trusted, expected) in new[] { ("127.0.0.0/8", HttpStatusCode.OK), (null, HttpStatusCode.Forbidden) })
        {
            var settings = new Dictionary<string, string?>(metricsFrom2);
            if (trusted is not null)
            {
                settings["Network:KnownNetworks:0"] = trusted;
            }
            await using var host = await TestHost.StartAsync("sqlite", roles: "api,web,stream", settings: settings);
            await using var nginx = await NginxServer.StartAsync(host);
            using var fromAllowed = nginx.NewClient(from: IPAddress.Parse("127.0.0.2"));
            (await fromAllowed.GetAsync("/metrics")).StatusCode.Should().Be(expected, trusted is null
                ? "without a trusted proxy Framecast judges nginx's own address"
                : "the client's address from X-Forwarded-For, nginx being in the trusted network");
        }
    }

    private static async Task<(HttpStatusCode Status, byte[] Body, string? ContentRange)> SendAsync(HttpClient client, string url, string? range)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }
        using var response = await client.SendAsync(request);
        var body = response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable ? [] : await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, body, response.Content.Headers.ContentRange?.ToString());
    }
}
