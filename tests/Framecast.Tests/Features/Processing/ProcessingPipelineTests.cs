using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Framecast.Tests.Support;
using static Framecast.Tests.Support.VideoUploads;

namespace Framecast.Tests.Features.Processing;

/// <summary>Real uploads through the API, processed by the real pipeline (ffmpeg) in the worker role.</summary>
public sealed class ProcessingPipelineTests
{
    private static readonly Dictionary<string, string?> SmallLadder = new() { ["Processing:Ladder:0"] = "360p", ["Processing:Ladder:1"] = "240p" };

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_playable_mp4_becomes_a_ready_video_with_an_hls_ladder_thumbnail_and_storyboard(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, settings: SmallLadder);
        var user = await host.RegisterAsync("proc");

        var video = await UploadAndWaitAsync(user, await TestClips.GetAsync("720p-audio.mp4"), "ready");

        video.GetProperty("progress").GetInt32().Should().Be(100);
        video.GetProperty("playable").GetBoolean().Should().BeTrue();
        video.GetProperty("durationSeconds").GetDouble().Should().BeApproximately(3, 0.3);
        video.GetProperty("width").GetInt32().Should().Be(1280);
        video.GetProperty("height").GetInt32().Should().Be(720);
        video.GetProperty("renditions").EnumerateArray().Select(r => r.GetProperty("name").GetString()).Should().Equal("360p", "240p");
        video.GetProperty("renditions")[0].GetProperty("width").GetInt32().Should().Be(640);
        var media = Path.Combine(host.Database.DataDirectory, "media", video.GetProperty("id").GetString()!);
        foreach (var file in new[] { "original", "video.mp4", "thumbnail.jpg", "storyboard.jpg", "storyboard.vtt", "hls/master.m3u8", "hls/360p/index.m3u8", "hls/240p/index.m3u8" })
        {
            File.Exists(Path.Combine(media, file)).Should().BeTrue($"{file} is published");
        }
        var master = await File.ReadAllTextAsync(Path.Combine(media, "hls", "master.m3u8"));
        master.Should().Contain("BANDWIDTH=").And.Contain("RESOLUTION=640x360").And.Contain("CODECS=");
        (await File.ReadAllTextAsync(Path.Combine(media, "storyboard.vtt"))).Should().StartWith("WEBVTT").And.Contain("#xywh=");
        var errors = await TestClips.RunFfmpegAsync(["-v", "error", "-i", Path.Combine(media, "hls", "master.m3u8"), "-map", "0", "-f", "null", "-"]);
        errors.Trim().Should().BeEmpty("the HLS output decodes end to end without errors");
        Directory.Exists(Path.Combine(host.Database.DataDirectory, "work", video.GetProperty("id").GetString()!)).Should().BeFalse("the workspace is cleaned up");
    }

    [Fact]
    public async Task A_private_video_plays_through_ffmpeg_from_its_hls_url_alone()
    {
        await using var host = await TestHost.StartAsync("sqlite", settings: SmallLadder);
        var user = await host.RegisterAsync("privhls");
        var id = await UploadAsync(user, await TestClips.GetAsync("720p-audio.mp4"), visibility: "private");
        await Eventually.TrueAsync(async () => (await GetAsync(user, id)).GetProperty("status").GetString() == "ready", "ready", TimeSpan.FromSeconds(120));
        var hlsUrl = (await GetAsync(user, id)).GetProperty("hlsUrl").GetString()!;

        var errors = await TestClips.RunFfmpegAsync(["-v", "error", "-i", new Uri(host.Address, hlsUrl).ToString(), "-map", "0", "-f", "null", "-"]);

        errors.Trim().Should().BeEmpty("a standard HLS client plays the private video from the one URL");
        (await host.Client.GetAsync($"/media/{id}/hls/master.m3u8")).StatusCode.Should().Be(HttpStatusCode.NotFound, "without the token it stays private");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_silent_webm_is_transcoded_without_instant_playback(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, settings: SmallLadder);
        var user = await host.RegisterAsync("webm");

        var video = await UploadAndWaitAsync(user, await TestClips.GetAsync("silent.webm"), "ready");

        var media = Path.Combine(host.Database.DataDirectory, "media", video.GetProperty("id").GetString()!);
        File.Exists(Path.Combine(media, "video.mp4")).Should().BeFalse("VP9 in WebM is not remuxed for instant playback");
        video.GetProperty("renditions").EnumerateArray().Select(r => r.GetProperty("height").GetInt32()).Should().Equal(360, 240);
        var errors = await TestClips.RunFfmpegAsync(["-v", "error", "-i", Path.Combine(media, "hls", "master.m3u8"), "-map", "0", "-f", "null", "-"]);
        errors.Trim().Should().BeEmpty();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Junk_bytes_fail_with_media_unsupported_and_are_removed(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, settings: SmallLadder);
        var user = await host.RegisterAsync("junk");
        var junk = Path.Combine(host.Database.DataDirectory, "junk.mp4");
        // Fixed bytes no demuxer recognises: random ones now and then look enough like some raw stream to ffprobe that
        // the video gets as far as the encoder and fails there (media.processing_failed), which is another test's case.
        await File.WriteAllBytesAsync(junk, System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("this is not a video, just text. ", 1600))));

        var video = await UploadAndWaitAsync(user, junk, "failed");

        video.GetProperty("error").GetProperty("code").GetString().Should().Be("media.unsupported");
        video.GetProperty("error").GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();
        Directory.Exists(Path.Combine(host.Database.DataDirectory, "media", video.GetProperty("id").GetString()!)).Should().BeFalse("the bytes are removed");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Deleting_a_video_while_it_transcodes_stops_ffmpeg_and_removes_everything(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, settings: new Dictionary<string, string?> { ["Processing:Ladder:0"] = "720p", ["Processing:Ladder:1"] = "480p" });
        var user = await host.RegisterAsync("stop");
        var id = await UploadAsync(user, await TestClips.GetAsync("long-720p.mp4"));
        await Eventually.TrueAsync(async () => (await GetAsync(user, id)).GetProperty("stage").GetString() == "transcoding", "transcoding starts", TimeSpan.FromSeconds(60));

        (await user.Client.DeleteAsync($"/api/v1/videos/{id}")).StatusCode.Should().Be(HttpStatusCode.Accepted);

        await Eventually.TrueAsync(() => Task.FromResult(!Directory.Exists(Path.Combine(host.Database.DataDirectory, "work", id))
            || Directory.GetDirectories(Path.Combine(host.Database.DataDirectory, "work", id)).Length == 0), "the transcode stops and its workspace goes", TimeSpan.FromSeconds(15));
        await Eventually.TrueAsync(async () => await host.FindVideoRowAsync(id) is null, "the video is removed");
        Directory.Exists(Path.Combine(host.Database.DataDirectory, "media", id)).Should().BeFalse();
    }

    [Fact]
    public async Task What_viewers_get_carries_none_of_the_uploads_metadata()
    {
        await using var host = await TestHost.StartAsync("sqlite", settings: SmallLadder);
        var user = await host.RegisterAsync("gps");
        var clip = await TestClips.GetAsync("phone-metadata.mov");
        (await File.ReadAllBytesAsync(clip)).AsSpan().IndexOf("iPhone 15 Pro"u8).Should().BePositive("the source carries the phone's tags");

        var video = await UploadAndWaitAsync(user, clip, "ready");

        var media = Path.Combine(host.Database.DataDirectory, "media", video.GetProperty("id").GetString()!);
        var served = new[] { "video.mp4", "thumbnail.jpg", "storyboard.jpg" }
            .Concat(Directory.GetFiles(Path.Combine(media, "hls"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(media, f)))
            .ToList();
        served.Should().Contain(f => f.EndsWith(".m4s", StringComparison.Ordinal)).And.Contain(f => f.Contains("init", StringComparison.Ordinal));
        foreach (var file in served)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(media, file));
            foreach (var secret in new[] { "+48.8584", "iPhone", "Apple", "ISO6709" })
            {
                bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(secret)).Should().Be(-1, $"{file} must not carry '{secret}'");
            }
        }
        File.Exists(Path.Combine(media, "video.mp4")).Should().BeTrue("the remuxed file is among those checked");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_source_that_already_is_the_top_rendition_is_copied_into_the_ladder(bool copy)
    {
        var settings = new Dictionary<string, string?> { ["Processing:Ladder:0"] = "720p", ["Processing:Ladder:1"] = "360p", ["Processing:CopyTopRung"] = copy ? "true" : "false" };
        await using var host = await TestHost.StartAsync("sqlite", settings: settings);
        var user = await host.RegisterAsync("copytop");
        var clip = await TestClips.GetAsync("720p-ladder-ready.mp4");

        var video = await UploadAndWaitAsync(user, clip, "ready");

        var hls = Path.Combine(host.Database.DataDirectory, "media", video.GetProperty("id").GetString()!, "hls");
        var sourcePackets = await PacketSizesAsync(clip);
        var topPackets = await PacketSizesAsync(Path.Combine(hls, "720p", "index.m3u8"));
        if (copy)
        {
            topPackets.Should().Equal(sourcePackets, "the source's own H.264 stream, packet for packet");
            (await File.ReadAllTextAsync(Path.Combine(hls, "master.m3u8"))).Should().MatchRegex("RESOLUTION=1280x720,CODECS=\"avc1\\.6400[0-9a-f]{2},mp4a\\.40\\.2\"");
        }
        else
        {
            topPackets.Should().NotEqual(sourcePackets, "encoded again");
        }
        var errors = await TestClips.RunFfmpegAsync(["-v", "error", "-i", Path.Combine(hls, "master.m3u8"), "-map", "0", "-f", "null", "-"]);
        errors.Trim().Should().BeEmpty("every rendition decodes end to end");
        video.GetProperty("renditions").EnumerateArray().Select(r => r.GetProperty("name").GetString()).Should().Equal("720p", "360p");
    }

    private static async Task<List<string>> PacketSizesAsync(string input) =>
        [.. (await ToolRunner.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=size", "-of", "csv=p=0", input])).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
