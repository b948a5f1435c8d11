using System.Net;
using System.Net.Http.Json;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>A SQLite host with the live role for tests that each bring their own channel.</summary>
public sealed class LiveHostFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;
    public int RtmpPort { get; private set; }

    public async Task InitializeAsync()
    {
        Host = await LiveTestKit.StartHostAsync();
        RtmpPort = await Host.RtmpPortAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>Stream keys as broadcasters meet them: a wrong key, a rotated key, two encoders on one key, ending from the studio.</summary>
public sealed class LiveKeyTests(LiveHostFixture fixture) : IClassFixture<LiveHostFixture>
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_wrong_key_is_refused_and_ffmpeg_gives_up_with_the_reason()
    {
        var owner = await fixture.Host.RegisterAsync("wrongkey");
        await owner.StreamKeyAsync();
        await using var publisher = LiveTestKit.Publish(fixture.RtmpPort, "live_NotAKeyAnybodyHas0000000000000");

        (await publisher.ExitAsync(ExitWithin)).Should().NotBe(0);
        publisher.Stderr.Should().Contain("Unknown stream key", "the broadcaster reads why");
        (await owner.BroadcastAsync()).Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Rotating_the_key_while_live_cuts_the_publisher_and_only_the_new_key_publishes_after(string provider)
    {
        await using var host = provider == "sqlite" ? null : await LiveTestKit.StartHostAsync(provider: provider);
        var server = host ?? fixture.Host;
        var port = await server.RtmpPortAsync();
        var owner = await server.RegisterAsync("rotate");
        var oldKey = await owner.StreamKeyAsync();
        await using var first = LiveTestKit.Publish(port, oldKey);
        var firstSession = (await server.MediaPlaylistUrlsAsync(owner.Username))["source"].Split('/')[3];

        using var rotate = await owner.Client.PostAsync("/api/v1/me/live/key", null);
        var newKey = (await rotate.ShouldBeJsonAsync()).GetProperty("streamKey").GetString()!;

        newKey.Should().NotBe(oldKey).And.StartWith("live_");
        await first.ExitAsync(ExitWithin);
        (await owner.StreamKeyAsync()).Should().Be(newKey);
        await Eventually.TrueAsync(async () =>
        {
            using var response = await server.Client.GetAsync($"/api/v1/channels/{owner.Username}/live");
            return response.StatusCode == HttpStatusCode.NotFound;
        }, "the cut broadcast ended (no reconnect window for a rotated key)");
        await (await server.Client.GetAsync($"/api/v1/channels/{owner.Username}/live")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");

        await using (var stale = LiveTestKit.Publish(port, oldKey, seconds: 5))
        {
            (await stale.ExitAsync(ExitWithin)).Should().NotBe(0);
            stale.Stderr.Should().Contain("Unknown stream key");
        }

        await using var second = LiveTestKit.Publish(port, newKey);
        await Eventually.TrueAsync(async () => (await owner.BroadcastAsync()) is { } b && b.GetProperty("sessionId").GetString() != firstSession,
            "the new key starts a new broadcast");
        var secondSession = (await server.MediaPlaylistUrlsAsync(owner.Username))["source"].Split('/')[3];
        secondSession.Should().NotBe(firstSession);
        second.HasExited.Should().BeFalse();
    }

    [Fact]
    public async Task A_second_encoder_on_the_same_key_is_refused_while_the_first_goes_on()
    {
        var owner = await fixture.Host.RegisterAsync("twice");
        var key = await owner.StreamKeyAsync();
        await using var first = LiveTestKit.Publish(fixture.RtmpPort, key);
        var url = (await fixture.Host.MediaPlaylistUrlsAsync(owner.Username))["source"];
        var before = await fixture.Host.Client.GetPlaylistAsync(url);

        await using (var second = LiveTestKit.Publish(fixture.RtmpPort, key, seconds: 5))
        {
            (await second.ExitAsync(ExitWithin)).Should().NotBe(0);
            second.Stderr.Should().Contain("already live");
        }

        first.HasExited.Should().BeFalse("the first encoder keeps its broadcast");
        var after = await fixture.Host.Client.GetNextPlaylistAsync(url, await fixture.Host.Client.GetPlaylistAsync(url));
        after.Parts.Select(p => LivePlaylist.PartNumber(p.Uri)).Max().Should().BeGreaterThan(before.Parts.Select(p => LivePlaylist.PartNumber(p.Uri)).Max());
        after.Segments.Should().NotContain(s => s.Discontinuity, "the first publisher never left");
        (await owner.BroadcastAsync())!.Value.GetProperty("status").GetString().Should().Be("live");
    }

    [Fact]
    public async Task Ending_the_broadcast_cuts_the_publisher_and_the_channel_goes_offline()
    {
        var owner = await fixture.Host.RegisterAsync("ender");
        await using var publisher = LiveTestKit.Publish(fixture.RtmpPort, await owner.StreamKeyAsync());
        var url = (await fixture.Host.MediaPlaylistUrlsAsync(owner.Username))["source"];
        (await fixture.Host.Client.GetAsync($"/api/v1/channels/{owner.Username}/live")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var end = await owner.Client.PostAsync("/api/v1/me/live/end", null);

        end.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await publisher.ExitAsync(ExitWithin);
        await Eventually.TrueAsync(async () =>
        {
            using var response = await fixture.Host.Client.GetAsync($"/api/v1/channels/{owner.Username}/live");
            return response.StatusCode == HttpStatusCode.NotFound;
        }, "the channel is offline");
        await (await fixture.Host.Client.GetAsync($"/api/v1/channels/{owner.Username}/live")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
        await (await fixture.Host.Client.GetAsync(LiveTestKit.MasterUrl(owner.Username))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
        var last = await fixture.Host.Client.GetPlaylistAsync(url);
        last.Ended.Should().BeTrue("players still polling the media playlist read EXT-X-ENDLIST");
        last.PreloadHint.Should().BeNull();
        (await owner.BroadcastAsync()).Should().BeNull();
        await (await owner.Client.PostAsync("/api/v1/me/live/end", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
    }

    [Fact]
    public async Task A_held_playlist_request_and_a_hinted_part_are_answered_when_the_broadcast_ends()
    {
        var owner = await fixture.Host.RegisterAsync("heldend");
        await using var publisher = LiveTestKit.Publish(fixture.RtmpPort, await owner.StreamKeyAsync());
        var url = (await fixture.Host.MediaPlaylistUrlsAsync(owner.Username))["source"];
        var now = await fixture.Host.Client.GetPlaylistAsync(url);
        var farthest = now.Segments[^1].Msn + 2;

        // Two segments ahead: held for a couple of seconds at least, unless the end comes first.
        var held = fixture.Host.Client.GetAsync($"{url}?_HLS_msn={farthest}");
        var hinted = fixture.Host.Client.GetAsync(LiveTestKit.Sibling(url, $"part{LivePlaylist.PartNumber(now.PreloadHint!) + 1}.m4s"));
        (await owner.Client.PostAsync("/api/v1/me/live/end", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        using var answer = await held.WaitAsync(TimeSpan.FromSeconds(30));
        var text = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().Be(HttpStatusCode.OK, text);
        LivePlaylist.Parse(text).Ended.Should().BeTrue("the held request learns that the broadcast is over");
        using var part = await hinted.WaitAsync(TimeSpan.FromSeconds(30));
        part.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.NotFound);
        await publisher.ExitAsync(ExitWithin);
    }

    [Fact]
    public async Task Rotating_the_key_while_the_encoder_is_away_ends_the_broadcast_at_once()
    {
        var owner = await fixture.Host.RegisterAsync("awayrot");
        var key = await owner.StreamKeyAsync();
        string url;
        await using (var publisher = LiveTestKit.Publish(fixture.RtmpPort, key, seconds: 3))
        {
            url = (await fixture.Host.MediaPlaylistUrlsAsync(owner.Username))["source"];
            (await publisher.ExitAsync(ExitWithin)).Should().Be(0);
        }
        await Eventually.TrueAsync(async () => (await owner.BroadcastAsync())?.GetProperty("status").GetString() == "reconnecting", "the broadcast waits for its encoder");

        (await owner.Client.PostAsync("/api/v1/me/live/key", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await owner.BroadcastAsync()).Should().BeNull("a rotated key ends the broadcast it made, even while its encoder is away");
        (await fixture.Host.Client.GetPlaylistAsync(url)).Ended.Should().BeTrue();
        await (await fixture.Host.Client.GetAsync(LiveTestKit.MasterUrl(owner.Username))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
        await using var stale = LiveTestKit.Publish(fixture.RtmpPort, key, seconds: 5);
        (await stale.ExitAsync(ExitWithin)).Should().NotBe(0, "the old key cannot resume it");
        stale.Stderr.Should().Contain("Unknown stream key");
    }

    [Fact]
    public async Task A_broadcast_takes_the_title_from_the_live_settings()
    {
        var owner = await fixture.Host.RegisterAsync("titled");
        using var patch = await owner.Client.PatchAsJsonAsync("/api/v1/me/live", new { title = "  Friday night testsrc  ", tags = new[] { "Test", "live" } });
        var settings = await patch.ShouldBeJsonAsync();
        settings.GetProperty("title").GetString().Should().Be("Friday night testsrc");
        await using var publisher = LiveTestKit.Publish(fixture.RtmpPort, settings.GetProperty("streamKey").GetString()!);
        await fixture.Host.WaitForMasterAsync(owner.Username);

        using var response = await fixture.Host.Client.GetAsync($"/api/v1/channels/{owner.Username}/live");
        (await response.ShouldBeJsonAsync()).GetProperty("title").GetString().Should().Be("Friday night testsrc");
    }

    [Fact]
    public async Task The_live_settings_and_their_actions_need_a_signed_in_user()
    {
        var anonymous = fixture.Host.NewClient();

        (await anonymous.GetAsync("/api/v1/me/live")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.PatchAsJsonAsync("/api/v1/me/live", new { title = "x" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsync("/api/v1/me/live/key", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsync("/api/v1/me/live/end", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/channels/nobody_at_all/live")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
    }

    [Fact]
    public async Task Each_channel_gets_its_own_key_and_keeps_it_until_rotated()
    {
        var one = await fixture.Host.RegisterAsync("keyone");
        var two = await fixture.Host.RegisterAsync("keytwo");

        var first = await one.StreamKeyAsync();

        first.Should().MatchRegex("^live_[0-9A-Za-z]{32}$");
        (await one.StreamKeyAsync()).Should().Be(first);
        (await two.StreamKeyAsync()).Should().NotBe(first);
    }
}
