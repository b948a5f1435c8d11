using System.Net;
using System.Text.Json;
using Framecast.Features.Live.Broadcasts;
using Framecast.Features.Live.Rtmp;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>Streams Framecast cannot broadcast (no picture, another video or audio codec): the encoder is disconnected and the studio says why.</summary>
public sealed class LiveRefusalTests(LiveHostFixture fixture) : IClassFixture<LiveHostFixture>
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(25);

    private static readonly Dictionary<string, (string[] InputAndCodecs, string Reason)> Streams = new()
    {
        // Audio only: refused once five seconds of media came without a picture.
        ["audio only"] = (["-f", "lavfi", "-i", "sine=frequency=440", "-c:a", "aac", "-b:a", "64k"], "No video arrived"),
        // Sorenson H.263, the FLV muxer's default video codec.
        ["flv1 video"] = (
            ["-f", "lavfi", "-i", $"testsrc2=size={LiveTestKit.SourceSize}:rate=30", "-f", "lavfi", "-i", "sine=frequency=440", "-c:v", "flv1", "-c:a", "aac", "-b:a", "64k"],
            "(FLV codec id 2) is not H.264"),
        // H.264 with ADPCM audio, which the FLV muxer takes at 44.1 kHz.
        ["adpcm audio"] = (
            ["-f", "lavfi", "-i", $"testsrc2=size={LiveTestKit.SourceSize}:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p", "-c:a", "adpcm_swf"],
            "(FLV sound format 1) is not AAC"),
    };

    [Theory]
    [InlineData("audio only")]
    [InlineData("flv1 video")]
    [InlineData("adpcm audio")]
    public async Task A_stream_that_cannot_be_broadcast_is_disconnected_and_the_studio_shows_why(string what)
    {
        var (inputAndCodecs, reason) = Streams[what];
        var owner = await fixture.Host.RegisterAsync("refused");
        (await owner.LiveSettingsAsync()).GetProperty("lastError").ValueKind.Should().Be(JsonValueKind.Null);
        var before = DateTime.UtcNow;
        await using var publisher = LiveTestKit.Publish(fixture.RtmpPort, await owner.StreamKeyAsync(), seconds: 20, inputAndCodecs: inputAndCodecs);

        (await publisher.ExitAsync(ExitWithin)).Should().NotBe(0, $"the server hung up on the {what} stream long before its 20 s were out");

        JsonElement settings = default;
        await Eventually.TrueAsync(async () => (settings = await owner.LiveSettingsAsync()).GetProperty("lastError").ValueKind == JsonValueKind.String,
            "the refusal is recorded for the studio");
        settings.GetProperty("lastError").GetString().Should().Contain(reason);
        settings.GetProperty("lastErrorAt").GetDateTime().Should().BeOnOrAfter(before.AddSeconds(-1));
    }

    [Theory]
    [InlineData("flv1 video")]
    [InlineData("adpcm audio")]
    public async Task A_refused_stream_does_not_leave_the_channel_live(string what)
    {
        var owner = await fixture.Host.RegisterAsync("refusedoff");
        await using (var publisher = LiveTestKit.Publish(fixture.RtmpPort, await owner.StreamKeyAsync(), seconds: 20, inputAndCodecs: Streams[what].InputAndCodecs))
        {
            (await publisher.ExitAsync(ExitWithin)).Should().NotBe(0);
        }
        await Eventually.TrueAsync(async () => (await owner.LiveSettingsAsync()).GetProperty("lastError").ValueKind == JsonValueKind.String, "the refusal is recorded");
        // The refusal is recorded a moment before the broadcast's row is ended: wait for the end, then check nothing lingers.
        await Eventually.TrueAsync(async () =>
        {
            using var probe = await fixture.Host.Client.GetAsync($"/api/v1/channels/{owner.Username}/live");
            return probe.StatusCode == HttpStatusCode.NotFound;
        }, "the refused broadcast ends", TimeSpan.FromSeconds(10));

        using var channel = await fixture.Host.Client.GetAsync($"/api/v1/channels/{owner.Username}/live");
        var text = await channel.Content.ReadAsStringAsync();
        var started = DateTime.UtcNow;
        using var master = await fixture.Host.Client.GetAsync(LiveTestKit.MasterUrl(owner.Username));
        var waited = DateTime.UtcNow - started;

        var masterText = await master.Content.ReadAsStringAsync();
        using (new FluentAssertions.Execution.AssertionScope())
        {
            channel.StatusCode.Should().Be(HttpStatusCode.NotFound, $"the stream was refused, yet the channel says: {text}");
            master.StatusCode.Should().Be(HttpStatusCode.NotFound, $"the master playlist answered {(int)master.StatusCode} after {waited.TotalSeconds:0.0} s: {masterText}");
            (await owner.BroadcastAsync()).Should().BeNull();
        }
    }

    [Fact]
    public void Enhanced_rtmp_video_is_refused_with_a_reason_that_names_hevc_and_av1()
    {
        var stream = new PublishedStream();
        // Enhanced RTMP: IsExHeader (0x80) | keyframe (1 << 4) | PacketTypeSequenceStart (0), then the FourCC.
        byte[] hevc = [0x90, (byte)'h', (byte)'v', (byte)'c', (byte)'1', 0x01];

        FluentActions.Invoking(() => stream.OnVideo(hevc)).Should().Throw<LiveRefusedException>()
            .Which.Message.Should().Contain("HEVC").And.Contain("H.264");
        stream.HasVideo.Should().BeFalse();
    }

    [Fact]
    public void H264_tags_are_accepted_and_only_coded_keyframes_count_as_keyframes()
    {
        var stream = new PublishedStream();

        stream.OnVideo([0x17, 0x00, 0, 0, 0, 0x01]).Should().BeFalse("a sequence header is no picture");
        stream.OnVideo([0x17, 0x01, 0, 0, 0, 0x65]).Should().BeTrue("an AVC keyframe");
        stream.OnVideo([0x27, 0x01, 0, 0, 0, 0x41]).Should().BeFalse("an inter frame");
        stream.OnVideo([0x17]).Should().BeFalse("too short to say");
        stream.HasVideo.Should().BeTrue();
        stream.OnAudio([0xAF, 0x00, 0x12, 0x10]);
        stream.HasAudio.Should().BeTrue();
        FluentActions.Invoking(() => stream.OnAudio([0x2F, 0xFF])).Should().Throw<LiveRefusedException>().WithMessage("*sound format 2*AAC*");
        FluentActions.Invoking(() => stream.OnVideo([0x12, 0x00])).Should().Throw<LiveRefusedException>().WithMessage("*codec id 2*H.264*");
    }

    [Theory]
    [InlineData(7.0, 10.0, null)]
    [InlineData(2.0, 10.0, "*FLV codec id 2*not H.264*")]
    [InlineData(1752589105.0, 10.0, "*HEVC or AV1*")] // Enhanced RTMP's FourCC 'hvc1' as a number
    [InlineData(7.0, 2.0, "*FLV sound format 2*not AAC*")]
    [InlineData(7.0, 1.0, "*FLV sound format 1*not AAC*")]
    public void The_codecs_in_the_metadata_are_checked_before_any_picture(double videoCodecId, double audioCodecId, string? refusal)
    {
        var stream = new PublishedStream();
        var metadata = Amf0.Write("@setDataFrame", "onMetaData", new Dictionary<string, object?>
        {
            ["width"] = 640.0, ["height"] = 360.0, ["videocodecid"] = videoCodecId, ["audiocodecid"] = audioCodecId,
        });

        var check = FluentActions.Invoking(() => stream.OnMetadata(metadata));

        if (refusal is null)
        {
            check.Should().NotThrow();
            stream.Width.Should().Be(640);
        }
        else
        {
            check.Should().Throw<LiveRefusedException>().WithMessage(refusal);
        }
    }

    [Fact]
    public void The_metadata_gives_the_picture_size_and_bitrate_and_a_broken_one_is_ignored()
    {
        var stream = new PublishedStream();
        stream.OnMetadata(Amf0.Write("@setDataFrame", "onMetaData", new Dictionary<string, object?>
        {
            ["width"] = 1280.0, ["height"] = 720.0, ["videodatarate"] = 2500.0, ["audiodatarate"] = 128.0, ["framerate"] = 30.0,
        }));

        stream.Width.Should().Be(1280);
        stream.Height.Should().Be(720);
        stream.VideoKbps.Should().Be(2500);
        stream.AudioKbps.Should().Be(128);
        stream.FrameRate.Should().Be(30);

        stream.OnMetadata([0x03, 0x00]);
        stream.Width.Should().Be(1280, "a broken metadata message changes nothing");
        stream.OnMetadata(Amf0.Write("onMetaData", new Dictionary<string, object?> { ["width"] = double.NaN, ["height"] = -5.0 }));
        stream.Width.Should().Be(0, "a nonsensical size is no size");
        stream.Height.Should().Be(0);
    }
}
