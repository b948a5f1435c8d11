using Framecast.Infrastructure.Media.Encoders;
using Microsoft.Extensions.Options;
using static Framecast.Infrastructure.Media.VideoFilters;

namespace Framecast.Infrastructure.Media;

/// <summary>
/// One ffmpeg process that decodes the source once and writes every rung as fMP4 HLS:
/// <c>OUT/master.m3u8</c>, <c>OUT/{rung}/index.m3u8</c>, <c>OUT/{rung}/init_{n}.mp4</c> (<c>init.mp4</c> for a single rung) and
/// <c>OUT/{rung}/seg_00000.m4s</c>…; every playlist refers to its files relatively, so OUT can be renamed into place.
/// ffmpeg 5.1 writes BANDWIDTH, RESOLUTION and CODECS into the master playlist itself, as long as every stream has a bitrate.
/// </summary>
public sealed class HlsLadderCommandBuilder(IVideoEncoder encoder, IOptions<ProcessingOptions> options)
{
    public const string MasterPlaylistName = "master.m3u8";
    public const string MediaPlaylistName = "index.m3u8";

    /// <param name="maxOutputSeconds">Stop writing after this much output, whatever the source's timestamps claim.</param>
    /// <param name="watermark">Burned into every rung (before the split, so once), when given.</param>
    /// <param name="copyTopRung">
    /// The first rung is the source's own video stream, copied, not encoded (it already is that rendition: see the
    /// pipeline's rules); its segments are cut at the source's keyframes.
    /// </param>
    public IReadOnlyList<string> Build(string inputPath, string outputDirectory, MediaInfo source, IReadOnlyList<PlannedRung> rungs,
        double? maxOutputSeconds = null, WatermarkOverlay? watermark = null, bool copyTopRung = false)
    {
        var video = RequireVideo(source);
        if (rungs.Count == 0)
        {
            throw new ArgumentException("Plan at least one rung.", nameof(rungs));
        }
        if (outputDirectory.Contains('%'))
        {
            // The hls muxer expands %v and %05d anywhere in the output paths.
            throw new ArgumentException("The HLS output directory may not contain '%'.", nameof(outputDirectory));
        }
        var segmentSeconds = options.Value.SegmentSeconds;
        var frameRate = OutputFrameRate(video);
        var hasAudio = source.Audio is not null;

        List<string> args = ["-y", .. MediaInput.Ffmpeg(inputPath)];
        if (watermark is not null)
        {
            args.AddRange(MediaInput.FfmpegPng(watermark.PngPath));
        }
        if (copyTopRung && watermark is not null)
        {
            throw new ArgumentException("A watermarked video is encoded, never copied.", nameof(copyTopRung));
        }
        var firstEncoded = copyTopRung ? 1 : 0;
        var encoded = rungs.Skip(firstEncoded).ToList();
        if (encoded.Count > 0)
        {
            args.AddRange(["-filter_complex", FilterGraph(video, encoded, firstEncoded, frameRate, watermark)]);
        }
        for (var i = 0; i < rungs.Count; i++)
        {
            args.AddRange(["-map", i < firstEncoded ? "0:v:0" : $"[v{i}]"]);
            if (hasAudio)
            {
                // Each variant carries its own audio copy, so "v:i,a:i" pairs them in -var_stream_map.
                args.AddRange(["-map", "0:a:0"]);
            }
        }
        args.AddRange(["-fps_mode", "cfr"]);
        args.AddRange(encoder.Arguments(encoded, frameRate, segmentSeconds, firstEncoded));
        if (copyTopRung)
        {
            args.AddRange(["-c:v:0", "copy", "-fps_mode:v:0", "passthrough"]);
        }
        if (hasAudio)
        {
            // Stereo AAC-LC: downmixes 5.1 and upmixes mono, the one layout every browser plays.
            args.AddRange(["-c:a", "aac", "-ac", "2"]);
            for (var i = 0; i < rungs.Count; i++)
            {
                args.AddRange([$"-b:a:{i}", $"{Number(rungs[i].AudioKbps)}k"]);
            }
        }
        args.AddRange(NoUploadMetadata);
        if (maxOutputSeconds is { } limit)
        {
            args.AddRange(["-t", Seconds(limit)]);
        }
        args.AddRange(
        [
            "-f", "hls", "-hls_time", Number(segmentSeconds), "-hls_playlist_type", "vod", "-hls_flags", "independent_segments",
            "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", "init.mp4",
            "-hls_segment_filename", Path.Combine(outputDirectory, "%v", "seg_%05d.m4s"),
            "-master_pl_name", MasterPlaylistName,
            "-var_stream_map", string.Join(' ', rungs.Select((r, i) => hasAudio ? $"v:{i},a:{i},name:{r.Name}" : $"v:{i},name:{r.Name}")),
            Path.Combine(outputDirectory, "%v", MediaPlaylistName),
        ]);
        return args;
    }

    // Decode, tone-map and fix the frame rate once, then split: scaling is the only per-rung work before encoding.
    // ffmpeg has already auto-rotated the frames, so the rung sizes (planned from display dimensions) fit as they are.
    private static string FilterGraph(VideoStreamInfo video, IReadOnlyList<PlannedRung> rungs, int firstLabel, int frameRate, WatermarkOverlay? watermark)
    {
        var splitOutputs = string.Concat(rungs.Select((_, i) => $"[s{firstLabel + i}]"));
        var head = $"[0:v:0]fps={Number(frameRate)},{ToneMapPrefix(video)}{Overlay(video, watermark)}split={Number(rungs.Count)}{splitOutputs}";
        var branches = rungs.Select((r, i) => $"[s{firstLabel + i}]scale=w={Number(r.Width)}:h={Number(r.Height)},setsar=1,format=yuv420p[v{firstLabel + i}]");
        return string.Join(';', branches.Prepend(head));
    }

    // The PNG's alpha scaled by the opacity, the PNG scaled to its share of the (display) width, a margin of 2 %.
    // One input frame: overlay repeats it over the whole video (eof_action=repeat, the default).
    private static string Overlay(VideoStreamInfo video, WatermarkOverlay? watermark)
    {
        if (watermark is null)
        {
            return "";
        }
        var width = Math.Max(2, (int)Math.Round(video.DisplayWidth * watermark.WidthPercent / 100.0 / 2) * 2);
        var margin = Number(Math.Max(2, video.DisplayWidth / 50));
        var x = watermark.Right ? $"W-w-{margin}" : margin;
        var y = watermark.Bottom ? $"H-h-{margin}" : margin;
        var opacity = watermark.Opacity.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        return $"format=yuv420p[base];[1:v:0]format=rgba,colorchannelmixer=aa={opacity},scale=w={Number(width)}:h=-2[mark];[base][mark]overlay=x={x}:y={y},";
    }
}
