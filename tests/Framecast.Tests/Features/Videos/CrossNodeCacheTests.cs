using System.Net;
using System.Net.Http.Json;
using Framecast.Features.Videos;
using Framecast.Tests.Features.Playback;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Videos;

/// <summary>A change on one node reaches the other nodes' caches through PostgreSQL notifications (issue 10).</summary>
public sealed class CrossNodeCacheTests
{
    [Fact]
    public async Task A_video_made_private_on_one_node_stops_being_served_by_another_at_once()
    {
        // Caches that would otherwise keep serving for five minutes: only the notification can explain a quick change.
        var longCache = new Dictionary<string, string?> { ["Framecast:LocalCacheLifetime"] = "00:05:00" };
        await using var a = await TestHost.StartAsync("postgres", roles: "api,stream", settings: longCache);
        await using var b = await TestHost.StartAsync("postgres", a.Database, longCache, roles: "api,stream", migrate: false);
        var owner = await a.RegisterAsync("xnode");
        var (video, _) = await MediaFixture.CreateReadyAsync(a, owner);
        var title = $"xnode {Guid.NewGuid():N}";
        (await owner.Client.PatchAsJsonAsync($"/api/v1/videos/{video.Id}", new { title })).EnsureSuccessStatusCode();
        (await b.Client.GetAsync($"/media/{video.Id}/thumbnail.jpg")).StatusCode.Should().Be(HttpStatusCode.OK, "node B caches the public video's facts");
        (await b.Client.GetStringAsync("/api/v1/videos?limit=100")).Should().Contain(title, "node B caches the public list page");

        (await owner.Client.PatchAsJsonAsync($"/api/v1/videos/{video.Id}", new { visibility = "private" })).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(async () => (await b.Client.GetAsync($"/media/{video.Id}/thumbnail.jpg")).StatusCode == HttpStatusCode.NotFound,
            "node B stops serving the private video", TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(async () => !(await b.Client.GetStringAsync("/api/v1/videos?limit=100")).Contains(title, StringComparison.Ordinal),
            "node B's public list drops it", TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(async () => (await b.Client.GetAsync($"/media/{video.Id}/hls/master.m3u8")).StatusCode == HttpStatusCode.NotFound,
            "every media file of it", TimeSpan.FromSeconds(10));
        video.Visibility.Should().Be(Visibility.Public);
    }
}
