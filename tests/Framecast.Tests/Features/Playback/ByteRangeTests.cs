using System.Net;
using System.Net.Http.Headers;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Playback;

public sealed class ByteRangeTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Ranges_conditionals_and_head_follow_http(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("ranges");
        var (video, original) = await MediaFixture.CreateReadyAsync(host, owner);
        var url = $"/media/{video.Id}/video.mp4";

        var full = await host.Client.GetAsync(url);
        full.StatusCode.Should().Be(HttpStatusCode.OK);
        (await full.Content.ReadAsByteArrayAsync()).Should().Equal(original);
        full.Headers.AcceptRanges.Should().Contain("bytes");
        var etag = full.Headers.ETag!;
        etag.IsWeak.Should().BeFalse("a strong validator");
        var lastModified = File.GetLastWriteTimeUtc(Path.Combine(host.Database.DataDirectory, "media", video.Id, "video.mp4"));
        full.Content.Headers.LastModified!.Value.UtcDateTime.Should().BeCloseTo(lastModified, TimeSpan.FromSeconds(1), "the file's time, not now");

        await ExpectRangeAsync(host, url, "bytes=0-99", 0, 99, original);
        await ExpectRangeAsync(host, url, "bytes=99000-", 99000, 99999, original);
        await ExpectRangeAsync(host, url, "bytes=-100", 99900, 99999, original);
        await ExpectRangeAsync(host, url, "bytes=99990-200000", 99990, 99999, original);

        var unsatisfiable = await SendAsync(host, url, r => r.Headers.Range = RangeHeaderValue.Parse("bytes=100000-100010"));
        unsatisfiable.StatusCode.Should().Be(HttpStatusCode.RequestedRangeNotSatisfiable);
        unsatisfiable.Content.Headers.ContentRange!.ToString().Should().Be("bytes */100000");

        var malformed = await SendAsync(host, url, r => r.Headers.TryAddWithoutValidation("Range", "bytes=abc"));
        malformed.StatusCode.Should().Be(HttpStatusCode.OK, "a malformed Range is ignored");
        var multiple = await SendAsync(host, url, r => r.Headers.TryAddWithoutValidation("Range", "bytes=0-1,5-6"));
        multiple.StatusCode.Should().Be(HttpStatusCode.OK, "multiple ranges are answered with the whole file");

        (await SendAsync(host, url, r => r.Headers.IfNoneMatch.Add(etag))).StatusCode.Should().Be(HttpStatusCode.NotModified);
        (await SendAsync(host, url, r => r.Headers.IfModifiedSince = full.Content.Headers.LastModified)).StatusCode.Should().Be(HttpStatusCode.NotModified);
        (await SendAsync(host, url, r => { r.Headers.Range = RangeHeaderValue.Parse("bytes=0-9"); r.Headers.IfRange = new RangeConditionHeaderValue(etag); }))
            .StatusCode.Should().Be(HttpStatusCode.PartialContent, "If-Range matches");
        (await SendAsync(host, url, r => { r.Headers.Range = RangeHeaderValue.Parse("bytes=0-9"); r.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"stale\"")); }))
            .StatusCode.Should().Be(HttpStatusCode.OK, "If-Range does not match: the whole, current file");

        var head = await SendAsync(host, url, r => r.Method = HttpMethod.Head);
        head.StatusCode.Should().Be(HttpStatusCode.OK);
        head.Content.Headers.ContentLength.Should().Be(original.Length);
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_route_has_its_content_type_and_cache_policy(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("types");
        var (video, _) = await MediaFixture.CreateReadyAsync(host, owner);
        var expectations = new (string Path, string Type, string Cache)[]
        {
            ("hls/master.m3u8", "application/vnd.apple.mpegurl", "public, max-age=31536000, immutable"),
            ("hls/360p/index.m3u8", "application/vnd.apple.mpegurl", "public, max-age=31536000, immutable"),
            ("hls/360p/init.mp4", "video/mp4", "public, max-age=31536000, immutable"),
            ("hls/360p/seg_00000.m4s", "video/iso.segment", "public, max-age=31536000, immutable"),
            ("video.mp4", "video/mp4", "public, max-age=86400"),
            ("thumbnail.jpg", "image/jpeg", "public, max-age=86400"),
            ("storyboard.vtt", "text/vtt", "public, max-age=86400"),
        };
        foreach (var (path, type, cache) in expectations)
        {
            var response = await host.Client.GetAsync($"/media/{video.Id}/{path}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            response.Content.Headers.ContentType!.MediaType.Should().Be(type, path);
            response.Headers.CacheControl!.ToString().Should().Be(cache, path);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Names_outside_the_videos_own_files_are_404_however_encoded(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("trav");
        var (video, _) = await MediaFixture.CreateReadyAsync(host, owner);
        var id = video.Id;
        foreach (var path in new[]
        {
            $"/media/{id}/hls/360p/..%2F..%2Foriginal", $"/media/{id}/hls/360p/%2e%2e%2f%2e%2e%2foriginal", $"/media/{id}/hls/..%2F360p/index.m3u8",
            $"/media/{id}/hls/360p/..%5C..%5Coriginal", $"/media/{id}/hls/360p/%2Fetc%2Fpasswd", $"/media/{id}/hls/360p/index.m3u8.bak",
            $"/media/{id}/hls/720p/index.m3u8", $"/media/{id}/hls/360p/seg_1.m4s", $"/media/..%2F{id}/original", "/media/%2e%2e/original",
            $"/media/{id}/hls/360p/%252e%252e%252foriginal",
        })
        {
            var response = await host.Client.GetAsync(path);
            response.StatusCode.Should().BeOneOf([HttpStatusCode.NotFound, HttpStatusCode.BadRequest], path);
            // The client resolves some dot segments itself (/media/%2e%2e/original is sent as /original, a page path).
            if (response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/media/", StringComparison.Ordinal))
            {
                response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", path);
            }
        }
    }

    private static async Task ExpectRangeAsync(TestHost host, string url, string range, long from, long to, byte[] original)
    {
        var response = await SendAsync(host, url, r => r.Headers.Range = RangeHeaderValue.Parse(range));
        response.StatusCode.Should().Be(HttpStatusCode.PartialContent, range);
        response.Content.Headers.ContentRange!.ToString().Should().Be($"bytes {from}-{to}/{original.Length}", range);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(original[(int)from..(int)(to + 1)], range);
    }

    private static Task<HttpResponseMessage> SendAsync(TestHost host, string url, Action<HttpRequestMessage> configure)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        configure(request);
        return host.Client.SendAsync(request);
    }
}
