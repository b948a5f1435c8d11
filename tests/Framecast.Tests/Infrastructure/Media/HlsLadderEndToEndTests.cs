using System.Text.RegularExpressions;
using Framecast.Infrastructure.Media;
using Framecast.Infrastructure.Media.Encoders;
using Microsoft.Extensions.Options;

namespace Framecast.Tests.Infrastructure.Media;

[Collection(MediaClipsCollection.Name)]
public sealed class HlsLadderEndToEndTests(MediaClipsFixture clips)
{
    // Two small rungs keep the run short on a shared two-core machine.
    private static readonly LadderRung[] SmallLadder = [LadderRung.Find("360p")!, LadderRung.Find("240p")!];

    [Theory]
    [InlineData("landscape", "640x360", "426x240")]
    [InlineData("noaudio", "640x360", "426x240")]
    [InlineData("portrait", "360x640", "240x426")]
    [InlineData("odd", "638x360", "426x240")]
    [InlineData("hdr10", "640x360", "426x240")]
    public async Task The_ladder_decodes_end_to_end_with_a_complete_master_playlist(string clip, string top, string bottom)
    {
        var options = Options.Create(new ProcessingOptions());
        var info = await new FfprobeClient(clips.Runner).ProbeAsync(clips.PathOf(clip), CancellationToken.None);
        var rungs = new LadderPlanner().Plan(info.Video!.DisplayWidth, info.Video.DisplayHeight, SmallLadder);
        var output = Path.Combine(clips.Directory, $"hls-{clip}-{Guid.NewGuid():N}");
        var args = new HlsLadderCommandBuilder(new SoftwareEncoder(options), options).Build(clips.PathOf(clip), output, info, rungs);
        var reports = new List<TranscodeProgress>();

        await clips.Runner.RunAsync(
            FfmpegCommand.Ffmpeg(args) with { LogPath = Path.Combine(output, "ffmpeg.log"), StallTimeout = TimeSpan.FromSeconds(60) },
            new InlineProgress(reports.Add), CancellationToken.None);

        reports.Should().NotBeEmpty();
        reports[^1].Done.Should().BeTrue();
        var master = await File.ReadAllTextAsync(Path.Combine(output, HlsLadderCommandBuilder.MasterPlaylistName));
        var variants = Regex.Matches(master, @"#EXT-X-STREAM-INF:(?<attributes>.*)\n(?<uri>.*)").ToList();
        variants.Select(v => v.Groups["uri"].Value).Should().Equal("360p/index.m3u8", "240p/index.m3u8");
        variants.Select(v => Regex.Match(v.Groups["attributes"].Value, "RESOLUTION=([0-9x]+)").Groups[1].Value).Should().Equal(top, bottom);
        variants.Should().OnlyContain(v => Regex.IsMatch(v.Groups["attributes"].Value, @"BANDWIDTH=\d+"));
        var codecs = info.Audio is null ? "CODECS=\"avc1.64001e\"" : "CODECS=\"avc1.64001e,mp4a.40.2\"";
        variants.Should().OnlyContain(v => v.Groups["attributes"].Value.Contains(codecs));

        var decode = await clips.Runner.RunAsync(
            FfmpegCommand.Ffmpeg(["-v", "error", "-i", Path.Combine(output, "master.m3u8"), "-map", "0", "-f", "null", "-"], withProgress: false),
            null, CancellationToken.None);
        decode.StderrTail.Should().BeEmpty();
    }
}
