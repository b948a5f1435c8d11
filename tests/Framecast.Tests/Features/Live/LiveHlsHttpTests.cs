using System.Net;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>One real broadcast (ffmpeg publishing over RTMP to a SQLite host) that the tests of this class watch over HTTP.</summary>
public sealed class LiveBroadcastFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;
    public TestUser Owner { get; private set; } = null!;
    public FfmpegProcess Publisher { get; private set; } = null!;
    public string SessionId { get; private set; } = null!;

    /// <summary>Media playlist URLs by rendition: "source" and "144p".</summary>
    public Dictionary<string, string> Playlists { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await LiveTestKit.StartHostAsync();
        Owner = await Host.RegisterAsync("caster");
        Publisher = LiveTestKit.Publish(await Host.RtmpPortAsync(), await Owner.StreamKeyAsync());
        Playlists = await Host.MediaPlaylistUrlsAsync(Owner.Username);
        SessionId = Playlists["source"].Split('/')[3];
    }

    public async Task DisposeAsync()
    {
        await Publisher.DisposeAsync();
        await Host.DisposeAsync();
    }
}

/// <summary>A live broadcast as viewers get it: master playlist, blocking playlist reloads, preload-hinted parts, ffprobe and ffmpeg reading it.</summary>
public sealed class LiveHlsHttpTests(LiveBroadcastFixture live) : IClassFixture<LiveBroadcastFixture>
{
    private HttpClient Viewer => live.Host.Client;

    [Fact]
    public async Task The_master_playlist_lists_the_passed_through_source_and_the_encoded_rung_with_bandwidth_resolution_and_codecs()
    {
        using var response = await Viewer.GetAsync(LiveTestKit.MasterUrl(live.Owner.Username));
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.apple.mpegurl");
        response.Headers.CacheControl!.NoCache.Should().BeTrue("the master changes with each broadcast");
        var master = LiveMasterPlaylist.Parse(text);
        master.Variants.Select(v => v.Uri).Should().Equal($"{live.SessionId}/source/index.m3u8", $"{live.SessionId}/144p/index.m3u8");
        master.Variants.Select(v => v.Resolution).Should().Equal("320x180", "256x144");
        master.Variants.Should().OnlyContain(v => v.Bandwidth > 64_000);
        master.Variants[0].Bandwidth.Should().BeGreaterThan(master.Variants[1].Bandwidth, "the source (300 kb/s) is above the 144p rung");
        master.Variants.Should().OnlyContain(v => v.Codecs != null && System.Text.RegularExpressions.Regex.IsMatch(v.Codecs, "^avc1\\.[0-9a-f]{6},mp4a\\.40\\.2$"),
            "H.264 video then AAC audio, as RFC 6381 strings");
        (await Viewer.GetAsync(LiveTestKit.MasterUrl(live.Owner.Username.ToUpperInvariant()))).StatusCode.Should().Be(HttpStatusCode.OK, "usernames are not case-sensitive");
    }

    [Theory]
    [InlineData("source")]
    [InlineData("144p")]
    public async Task A_media_playlist_is_ll_hls_with_parts_a_preload_hint_and_a_report_of_the_other_rendition(string rendition)
    {
        var playlist = await Viewer.GetPlaylistAsync(live.Playlists[rendition]);

        playlist.CanBlockReload.Should().BeTrue();
        playlist.PartHoldBack.Should().BeGreaterOrEqualTo(2 * playlist.PartTarget);
        playlist.Ended.Should().BeFalse();
        playlist.PreloadHint.Should().MatchRegex("^part[0-9]+\\.m4s$");
        playlist.Segments[0].Map.Should().Be("init1.mp4");
        playlist.Segments.Should().OnlyContain(s => s.ProgramDateTime != null);
        playlist.Parts.Should().NotBeEmpty().And.OnlyContain(p => p.Duration <= playlist.PartTarget);
        playlist.Segments.Where(s => s.Complete).Should().OnlyContain(s => Math.Round(s.Duration!.Value) <= playlist.TargetDuration);
        playlist.Segments.Where(s => s.Parts.Count > 0).Should().OnlyContain(s => s.Parts[0].Independent, "the publisher sends a keyframe every second");
        var other = rendition == "source" ? "144p" : "source";
        playlist.RenditionReports.Should().ContainSingle().Which.Should().StartWith($"URI=\"../{other}/index.m3u8\",LAST-MSN=");
    }

    [Fact]
    public async Task A_blocking_reload_for_the_next_part_is_held_until_that_part_exists()
    {
        var url = live.Playlists["source"];
        var now = await Viewer.GetPlaylistAsync(url);
        var (msn, part) = now.NextPart();
        var next = LivePlaylist.PartNumber(now.PreloadHint!);
        now.Parts.Should().NotContain(p => p.Uri == $"part{next}.m4s");

        var later = await Viewer.GetPlaylistAsync($"{url}?_HLS_msn={msn}&_HLS_part={part}");

        later.Parts.Should().Contain(p => p.Uri == $"part{next}.m4s", "the answer waited for the part it asked for");
        var segment = later.Segments.Single(s => s.Msn == msn);
        if (segment.Complete)
        {
            // The part would have been past the segment's last one: it is part 0 of the next segment.
            later.Segments.Single(s => s.Msn == msn + 1).Parts.Should().NotBeEmpty();
        }
        else
        {
            segment.Parts.Count.Should().BeGreaterThan(part);
        }
    }

    [Fact]
    public async Task A_blocking_reload_for_the_next_segment_is_answered_once_that_segment_is_complete()
    {
        var url = live.Playlists["144p"];
        var now = await Viewer.GetPlaylistAsync(url);
        var open = now.Segments[^1];

        var later = await Viewer.GetPlaylistAsync($"{url}?_HLS_msn={open.Msn + 1}");

        later.Segments.Single(s => s.Msn == open.Msn).Complete.Should().BeTrue();
        later.Segments.Should().Contain(s => s.Msn == open.Msn + 1 && s.Complete, "_HLS_msn alone waits for that whole segment");
    }

    [Fact]
    public async Task A_preload_hinted_part_is_answered_once_it_exists_and_the_playlist_then_lists_it()
    {
        var url = live.Playlists["source"];
        var now = await Viewer.GetPlaylistAsync(url);
        var hinted = now.PreloadHint!;

        using var response = await Viewer.GetAsync(LiveTestKit.Sibling(url, hinted));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("video/mp4");
        System.Text.Encoding.ASCII.GetString(bytes, 4, 4).Should().Be("moof", "a part is a fragment: moof then mdat");
        var later = await Viewer.GetNextPlaylistAsync(url, now);
        later.Parts.Should().Contain(p => p.Uri == hinted);
        (await Viewer.GetByteArrayAsync(LiveTestKit.Sibling(url, hinted))).Should().Equal(bytes, "a part never changes once made");
    }

    [Fact]
    public async Task Blocking_requests_the_server_cannot_honour_are_400()
    {
        var url = live.Playlists["source"];
        var now = await Viewer.GetPlaylistAsync(url);
        var (msn, part) = now.NextPart();

        await (await Viewer.GetAsync($"{url}?_HLS_part=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "live.bad_blocking_request");
        await (await Viewer.GetAsync($"{url}?_HLS_msn={msn + 10}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "live.bad_blocking_request");
        await (await Viewer.GetAsync($"{url}?_HLS_msn={msn + 10}&_HLS_part=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "live.bad_blocking_request");
        // Far past the advance part limit (3 s of parts); asked two segments on, so that the segment being made now completing meanwhile changes nothing.
        await (await Viewer.GetAsync($"{url}?_HLS_msn={msn + 2}&_HLS_part={part + 100}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "live.bad_blocking_request");
        await (await Viewer.GetAsync($"{url}?_HLS_msn=abc")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "live.bad_blocking_request");
        await (await Viewer.GetAsync($"{url}?_HLS_msn=-1")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "live.bad_blocking_request");
        (await Viewer.GetAsync($"{url}?_HLS_msn={now.MediaSequence}")).StatusCode.Should().Be(HttpStatusCode.OK, "a segment that is there is answered at once");
    }

    [Fact]
    public async Task Ffprobe_reads_the_live_master_playlist_and_finds_h264_and_aac()
    {
        var (stdout, _) = await ToolRunner.RunAsync("ffprobe",
            ["-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", new Uri(live.Host.Address, LiveTestKit.MasterUrl(live.Owner.Username)).ToString()]);

        var streams = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().TrimEnd(',')).ToList();
        streams.Should().Contain("h264,320,180").And.Contain("h264,256,144").And.Contain("aac");
    }

    [Theory]
    [InlineData("source")]
    [InlineData("144p")]
    public async Task A_segment_after_its_init_decodes_without_an_error(string rendition)
    {
        var url = live.Playlists[rendition];
        var playlist = await Viewer.GetPlaylistAsync(url);
        var segment = playlist.Segments.Last(s => s.Complete);
        var init = await Viewer.GetByteArrayAsync(LiveTestKit.Sibling(url, segment.Map!));
        using var media = await Viewer.GetAsync(LiveTestKit.Sibling(url, segment.Uri!));
        media.StatusCode.Should().Be(HttpStatusCode.OK);
        media.Headers.CacheControl!.ToString().Should().Contain("immutable");
        var path = Path.Combine(Path.GetTempPath(), $"framecast-live-{Guid.NewGuid():N}.mp4");
        try
        {
            await File.WriteAllBytesAsync(path, [.. init, .. await media.Content.ReadAsByteArrayAsync()]);

            var errors = await TestClips.RunFfmpegAsync(["-v", "error", "-i", path, "-f", "null", "-"]);
            var probe = (await ToolRunner.RunAsync("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v", "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0", path])).Stdout;

            errors.Trim().Should().BeEmpty("every frame decodes");
            var frames = int.Parse(probe.Trim().Split(',')[1]);
            frames.Should().BeCloseTo((int)Math.Round(segment.Duration!.Value * 30), 2, "the segment's frames at 30 fps");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_renditions_segments_line_up()
    {
        var source = await Viewer.GetPlaylistAsync(live.Playlists["source"]);
        var encoded = await Viewer.GetPlaylistAsync(live.Playlists["144p"]);

        var both = source.Segments.Where(s => s.Complete).Join(encoded.Segments.Where(s => s.Complete), s => s.Msn, s => s.Msn, (a, b) => (a, b)).ToList();
        both.Should().NotBeEmpty();
        foreach (var (a, b) in both)
        {
            b.Duration!.Value.Should().BeApproximately(a.Duration!.Value, 0.05, $"segment {a.Msn} has the same pictures in both");
            b.ProgramDateTime!.Value.Should().BeCloseTo(a.ProgramDateTime!.Value, TimeSpan.FromMilliseconds(50));
        }
    }

    [Fact]
    public async Task The_encoded_rungs_bandwidth_covers_its_segments_bitrates()
    {
        // The source's BANDWIDTH can only be what its encoder declares; the rungs we encode are ours to get right.
        var master = LiveMasterPlaylist.Parse(await live.Host.WaitForMasterAsync(live.Owner.Username));
        foreach (var variant in master.Variants.Where(v => !v.Uri.Contains("/source/")))
        {
            var url = $"/live/{live.Owner.Username}/{variant.Uri}";
            var playlist = await Viewer.GetPlaylistAsync(url);
            var rates = new List<(string Uri, double Kbps)>();
            foreach (var segment in playlist.Segments.Where(s => s.Complete))
            {
                var bytes = await Viewer.GetByteArrayAsync(LiveTestKit.Sibling(url, segment.Uri!));
                rates.Add((segment.Uri!, bytes.Length * 8 / segment.Duration!.Value / 1000));
            }
            rates.Should().NotBeEmpty();
            rates.Max(r => r.Kbps).Should().BeLessOrEqualTo(variant.Bandwidth / 1000.0,
                $"BANDWIDTH is the peak segment bit rate of {variant.Uri}; segments: {string.Join(", ", rates.Select(r => $"{r.Uri} {r.Kbps:0} kb/s"))}");
        }
    }

    [Fact]
    public async Task Program_date_times_follow_the_wall_clock_at_the_live_edge()
    {
        var playlist = await Viewer.GetPlaylistAsync(live.Playlists["source"]);
        var now = DateTimeOffset.UtcNow;

        var open = playlist.Segments[^1];
        var edge = open.ProgramDateTime!.Value + TimeSpan.FromSeconds(open.Parts.Sum(p => p.Duration));
        edge.Should().BeOnOrBefore(now + TimeSpan.FromSeconds(2), "the live edge is media that has arrived");
        edge.Should().BeOnOrAfter(now - TimeSpan.FromSeconds(10), "the live edge is recent");
        var complete = playlist.Segments.Where(s => s.Complete).ToList();
        for (var i = 1; i < complete.Count; i++)
        {
            (complete[i].ProgramDateTime!.Value - complete[i - 1].ProgramDateTime!.Value).TotalSeconds
                .Should().BeApproximately(complete[i - 1].Duration!.Value, 0.01, $"segment {complete[i].Msn} starts where {complete[i - 1].Msn} ends");
        }
    }

    [Fact]
    public async Task The_owner_sees_the_broadcast_with_its_health_and_anyone_sees_the_channel_live()
    {
        var settings = await live.Owner.LiveSettingsAsync();
        var broadcast = settings.GetProperty("broadcast");
        broadcast.GetProperty("sessionId").GetString().Should().Be(live.SessionId);
        broadcast.GetProperty("status").GetString().Should().Be("live");
        broadcast.GetProperty("channel").GetProperty("username").GetString().Should().Be(live.Owner.Username);
        broadcast.GetProperty("hlsUrl").GetString().Should().Be(LiveTestKit.MasterUrl(live.Owner.Username));
        broadcast.GetProperty("renditions").EnumerateArray().Select(r => r.GetString()).Should().Equal("source", "144p");
        var health = broadcast.GetProperty("health");
        health.GetProperty("width").GetInt32().Should().Be(320);
        health.GetProperty("height").GetInt32().Should().Be(180);
        health.GetProperty("disconnects").GetInt32().Should().Be(0);
        settings.GetProperty("rtmpUrl").GetString().Should().Be($"rtmp://127.0.0.1:{await live.Host.RtmpPortAsync()}/live");
        await Eventually.TrueAsync(async () =>
        {
            var h = (await live.Owner.LiveSettingsAsync()).GetProperty("broadcast").GetProperty("health");
            return h.GetProperty("keyframeIntervalSeconds").ValueKind == System.Text.Json.JsonValueKind.Number && h.GetProperty("frameRate").ValueKind == System.Text.Json.JsonValueKind.Number;
        }, "the ingest health has a frame rate and a keyframe interval");
        var measured = (await live.Owner.LiveSettingsAsync()).GetProperty("broadcast").GetProperty("health");
        measured.GetProperty("keyframeIntervalSeconds").GetDouble().Should().BeApproximately(1.0, 0.1);
        measured.GetProperty("warnings").GetArrayLength().Should().Be(0, "a keyframe a second is what we ask for");

        using var anonymous = await Viewer.GetAsync($"/api/v1/channels/{live.Owner.Username}/live");
        var session = await anonymous.ShouldBeJsonAsync();
        session.GetProperty("sessionId").GetString().Should().Be(live.SessionId);
        session.GetProperty("status").GetString().Should().Be("live");
        (!session.TryGetProperty("health", out var hidden) || hidden.ValueKind == System.Text.Json.JsonValueKind.Null).Should().BeTrue("ingest health is for the owner");
    }

    [Fact]
    public async Task Unknown_sessions_renditions_and_parts_are_404()
    {
        var url = live.Playlists["source"];
        var playlist = await Viewer.GetPlaylistAsync(url);
        var otherSession = Framecast.Infrastructure.Http.Ids.New();

        await (await Viewer.GetAsync(url.Replace(live.SessionId, otherSession))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
        await (await Viewer.GetAsync(url.Replace("/source/", "/1080p/"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
        await (await Viewer.GetAsync(LiveTestKit.Sibling(url, "part999999.m4s"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.not_found");
        // Far ahead: the segment still being written (the playlist's last) may complete between the two requests.
        await (await Viewer.GetAsync(LiveTestKit.Sibling(url, $"seg{playlist.Segments[^1].Msn + 1000}.m4s"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.not_found");
        await (await Viewer.GetAsync(LiveTestKit.Sibling(url, "init7.mp4"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.not_found");
        (await Viewer.GetAsync(LiveTestKit.Sibling(url, "../../../etc.mp4"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await (await Viewer.GetAsync(LiveTestKit.MasterUrl("nobody_here"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
    }
}
