using Framecast.Infrastructure.Media;
using Framecast.Infrastructure.Media.Encoders;
using Microsoft.Extensions.Options;

namespace Framecast.Tests.Infrastructure.Media;

public sealed class HlsLadderCommandBuilderTests
{
    private static readonly PlannedRung[] Rungs = [new("720p", 1280, 720, 2800, 128), new("480p", 854, 480, 1400, 96)];

    [Fact]
    public void Golden_arguments_with_audio()
    {
        var args = Builder().Build("/in/src.mov", "/out", SampleMedia.Landscape(fps: 29.97), Rungs);

        args.Should().Equal(
            "-y", "-protocol_whitelist", "file", "-format_whitelist", MediaInput.AllowedDemuxers, "-i", "file:/in/src.mov",
            "-filter_complex", "[0:v:0]fps=30,split=2[s0][s1];"
                + "[s0]scale=w=1280:h=720,setsar=1,format=yuv420p[v0];[s1]scale=w=854:h=480,setsar=1,format=yuv420p[v1]",
            "-map", "[v0]", "-map", "0:a:0", "-map", "[v1]", "-map", "0:a:0",
            "-fps_mode", "cfr",
            "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-pix_fmt", "yuv420p",
            "-g", "120", "-keyint_min", "120", "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*4)",
            "-b:v:0", "2800k", "-maxrate:v:0", "3080k", "-bufsize:v:0", "5600k", "-level:v:0", "3.1",
            "-b:v:1", "1400k", "-maxrate:v:1", "1540k", "-bufsize:v:1", "2800k", "-level:v:1", "3.1",
            "-c:a", "aac", "-ac", "2", "-b:a:0", "128k", "-b:a:1", "96k",
            "-map_metadata", "-1", "-map_chapters", "-1",
            "-f", "hls", "-hls_time", "4", "-hls_playlist_type", "vod", "-hls_flags", "independent_segments",
            "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", "init.mp4",
            "-hls_segment_filename", "/out/%v/seg_%05d.m4s",
            "-master_pl_name", "master.m3u8",
            "-var_stream_map", "v:0,a:0,name:720p v:1,a:1,name:480p",
            "/out/%v/index.m3u8");
    }

    [Fact]
    public void An_output_limit_stops_the_encode_there_whatever_the_timestamps_claim()
    {
        var args = Builder().Build("/in/src.mov", "/out", SampleMedia.Landscape(), Rungs, maxOutputSeconds: 43.5);

        args.Should().ContainInConsecutiveOrder("-t", "43.5", "-f", "hls");
        Builder().Build("/in/src.mov", "/out", SampleMedia.Landscape(), Rungs).Should().NotContain("-t");
    }

    [Fact]
    public void A_copied_top_rung_maps_the_source_stream_and_the_encoder_takes_the_rest()
    {
        var args = Builder().Build("/in/src.mov", "/out", SampleMedia.Landscape(fps: 29.97), Rungs, copyTopRung: true);

        args.Should().ContainInConsecutiveOrder("-filter_complex", "[0:v:0]fps=30,split=1[s1];[s1]scale=w=854:h=480,setsar=1,format=yuv420p[v1]");
        args.Should().ContainInConsecutiveOrder("-map", "0:v:0", "-map", "0:a:0", "-map", "[v1]", "-map", "0:a:0");
        args.Should().ContainInConsecutiveOrder("-c:v:1", "libx264", "-preset:v:1", "veryfast", "-profile:v:1", "high")
            .And.NotContain("-c:v").And.NotContain("-profile:v", "no encoder option may reach the copied stream");
        args.Should().ContainInConsecutiveOrder("-b:v:1", "1400k").And.NotContain("-b:v:0");
        args.Should().ContainInConsecutiveOrder("-c:v:0", "copy", "-fps_mode:v:0", "passthrough");
        args.Should().ContainInConsecutiveOrder("-var_stream_map", "v:0,a:0,name:720p v:1,a:1,name:480p");
    }

    [Fact]
    public void Without_audio_nothing_maps_or_names_an_audio_stream()
    {
        var args = Builder().Build("/in/src.mov", "/out", SampleMedia.WithoutAudio(SampleMedia.Landscape()), Rungs);

        args.Should().NotContain("0:a:0").And.NotContain("-c:a");
        args.Should().ContainInConsecutiveOrder("-var_stream_map", "v:0,name:720p v:1,name:480p");
    }

    [Theory]
    [InlineData("smpte2084")]
    [InlineData("arib-std-b67")]
    public void Hdr_is_tone_mapped_to_8_bit_bt709_once_before_the_split(string transfer)
    {
        var args = Builder().Build("/in/hdr.mov", "/out", SampleMedia.Hdr10(transfer), Rungs);

        args[args.ToList().IndexOf("-filter_complex") + 1].Should().StartWith(
            $"[0:v:0]fps=24,zscale=tin={transfer}:min=bt2020nc:pin=bt2020:rin=tv:t=linear:npl=100:p=bt2020,format=gbrpf32le,"
            + "zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p,split=2[s0][s1];");
    }

    [Theory]
    [InlineData(0, "fps=30")]
    [InlineData(23.976, "fps=24")]
    [InlineData(120, "fps=60")]
    public void The_frame_rate_is_made_constant_rounded_and_capped_at_60(double sourceFps, string expected)
    {
        var args = Builder().Build("/in/a.mp4", "/out", SampleMedia.Landscape(fps: sourceFps), Rungs);

        args.Should().Contain(a => a.StartsWith($"[0:v:0]{expected},", StringComparison.Ordinal));
    }

    [Fact]
    public void A_source_without_video_is_refused()
    {
        var act = () => Builder().Build("/in/a.mp3", "/out", SampleMedia.Landscape() with { Video = null }, Rungs);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void An_output_directory_with_a_percent_sign_is_refused()
    {
        var act = () => Builder().Build("/in/a.mp4", "/out/100%", SampleMedia.Landscape(), Rungs);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_portrait_source_scales_to_portrait_rungs()
    {
        var rungs = new LadderPlanner().Plan(1080, 1920, [LadderRung.Find("720p")!]);

        var args = Builder().Build("/in/phone.mov", "/out", SampleMedia.Portrait(), rungs);

        args.Should().Contain("[0:v:0]fps=30,split=1[s0];[s0]scale=w=720:h=1280,setsar=1,format=yuv420p[v0]");
        args.Should().ContainInConsecutiveOrder("-var_stream_map", "v:0,a:0,name:720p");
    }

    private static HlsLadderCommandBuilder Builder()
    {
        var options = Options.Create(new ProcessingOptions());
        return new HlsLadderCommandBuilder(new SoftwareEncoder(options), options);
    }
}
