using System.Net;
using Framecast.Features.Playback;
using Framecast.Features.Videos;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Playback;

public sealed class PlaybackAccessTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Private_media_needs_the_owner_an_admin_or_a_valid_token(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("priv");
        var other = await host.RegisterAsync("peek");
        var admin = await host.CreateAdminAsync();
        var (video, _) = await MediaFixture.CreateReadyAsync(host, owner, Visibility.Private);
        var (elsewhere, _) = await MediaFixture.CreateReadyAsync(host, owner, Visibility.Private);
        var signer = host.Services.GetRequiredService<PlaybackSigner>();
        var segment = $"/media/{video.Id}/hls/360p/seg_00000.m4s";

        await (await host.Client.GetAsync(segment)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "media.not_found");
        await (await other.Client.GetAsync(segment)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "media.not_found");
        (await owner.Client.GetAsync(segment)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.Client.GetAsync(segment)).StatusCode.Should().Be(HttpStatusCode.OK);
        // The web pages' player sends the session cookie, not a bearer token.
        using (var withCookie = new HttpRequestMessage(HttpMethod.Get, segment))
        {
            withCookie.Headers.Add("Cookie", $"fc_session={owner.Token}");
            (await host.NewClient().SendAsync(withCookie)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        using (var revoked = new HttpRequestMessage(HttpMethod.Get, segment))
        {
            revoked.Headers.Add("Cookie", "fc_session=not-a-session-token-at-all-not-a-session-token");
            await (await host.NewClient().SendAsync(revoked)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "media.not_found");
        }
        var valid = signer.Issue(video.Id);
        var ok = await host.Client.GetAsync($"{segment}?token={Uri.EscapeDataString(valid)}");
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        ok.Headers.CacheControl!.Private.Should().BeTrue("private media is never shared-cached");
        var expired = signer.Issue(video.Id, DateTimeOffset.UtcNow.AddMinutes(-1));
        var forged = valid[..^3] + (valid[^3] == 'A' ? "BBB" : "AAA");
        foreach (var bad in new[] { expired, forged, signer.Issue(elsewhere.Id), "123.abc", "garbage" })
        {
            // Exactly an unknown id's answer: a bad token must not reveal that a private video exists (issue 10).
            await (await other.Client.GetAsync($"{segment}?token={Uri.EscapeDataString(bad)}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "media.not_found");
            await (await other.Client.GetAsync($"/media/{video.Id}/thumbnail.jpg?token={Uri.EscapeDataString(bad)}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "media.not_found");
        }
        await (await other.Client.GetAsync("/media/AAAAAAAAAAA/thumbnail.jpg?token=x")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "media.not_found");
        (await owner.Client.GetAsync($"{segment}?token={Uri.EscapeDataString(expired)}")).StatusCode.Should().Be(HttpStatusCode.OK, "the owner's session still counts beside a stale token");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_hls_url_of_a_private_video_carries_a_token_and_its_playlists_pass_it_on(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("hlsurl");
        var (video, _) = await MediaFixture.CreateReadyAsync(host, owner, Visibility.Private);

        var resource = await (await owner.Client.GetAsync($"/api/v1/videos/{video.Id}")).ShouldBeJsonAsync();
        var hlsUrl = resource.GetProperty("hlsUrl").GetString()!;
        hlsUrl.Should().StartWith($"/media/{video.Id}/hls/master.m3u8?token=");
        resource.GetProperty("thumbnailUrl").GetString().Should().Contain("?token=");

        var master = await host.Client.GetAsync(hlsUrl);
        master.StatusCode.Should().Be(HttpStatusCode.OK);
        master.Headers.CacheControl!.NoStore.Should().BeTrue();
        var masterText = await master.Content.ReadAsStringAsync();
        var child = masterText.Split('\n').Single(l => l.StartsWith("360p/"));
        child.Should().StartWith("360p/index.m3u8?token=");
        var media = await (await host.Client.GetAsync($"/media/{video.Id}/hls/{child}")).Content.ReadAsStringAsync();
        media.Should().Contain("#EXT-X-MAP:URI=\"init.mp4?token=").And.Contain("\nseg_00000.m4s?token=");
        var segment = media.Split('\n').Single(l => l.StartsWith("seg_"));
        (await host.Client.GetAsync($"/media/{video.Id}/hls/360p/{segment}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Not_ready_failed_and_deleted_videos(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("states");
        var processing = await host.CreateVideoAsync(owner, "busy", status: VideoStatus.Processing);
        var failed = await host.CreateVideoAsync(owner, "broken", status: VideoStatus.Failed);
        var (deleted, _) = await MediaFixture.CreateReadyAsync(host, owner);
        (await owner.Client.DeleteAsync($"/api/v1/videos/{deleted.Id}")).StatusCode.Should().Be(HttpStatusCode.Accepted);

        await (await host.Client.GetAsync($"/media/{processing.Id}/hls/master.m3u8")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "video.not_ready");
        await (await host.Client.GetAsync($"/media/{failed.Id}/hls/master.m3u8")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "media.not_found");
        await (await host.Client.GetAsync($"/media/{deleted.Id}/original")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "media.not_found");
        await (await host.Client.GetAsync("/media/AAAAAAAAAAA/original")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "media.not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_original_upload_is_for_its_owner_and_admins_only(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("orig");
        var other = await host.RegisterAsync("origother");
        var admin = await host.CreateAdminAsync();
        var signer = host.Services.GetRequiredService<Framecast.Features.Playback.PlaybackSigner>();
        var (video, original) = await MediaFixture.CreateReadyAsync(host, owner);
        var url = $"/media/{video.Id}/original";

        await (await host.Client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "media.not_found");
        await (await other.Client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "media.not_found");
        await (await other.Client.GetAsync($"{url}?token={Uri.EscapeDataString(signer.Issue(video.Id))}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "media.not_found");
        var own = await owner.Client.GetAsync(url);
        (await own.Content.ReadAsByteArrayAsync()).Should().Equal(original);
        own.Headers.CacheControl!.Private.Should().BeTrue("never kept by a shared cache");
        (await admin.Client.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.Client.GetAsync($"/media/{video.Id}/video.mp4")).StatusCode.Should().Be(HttpStatusCode.OK, "viewers watch the processed files");
    }

    [Fact]
    public async Task Public_originals_can_be_switched_on()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream", settings: new Dictionary<string, string?> { ["Playback:PublicOriginals"] = "true" });
        var owner = await host.RegisterAsync("puborig");
        var (video, original) = await MediaFixture.CreateReadyAsync(host, owner);

        (await host.Client.GetByteArrayAsync($"/media/{video.Id}/original")).Should().Equal(original);
    }
}
