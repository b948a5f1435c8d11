using System.Globalization;
using Framecast.Features.Live.Hls;

namespace Framecast.Features.Live.Broadcasts;

/// <summary>
/// The one ffmpeg run of a broadcast: FLV on stdin, decoded once, split and scaled to the encoded rungs, the source
/// copied through; every rendition a fragmented MP4 (fragments of the part length, a new one at every keyframe) on
/// its own Unix socket. Encoded rungs take their keyframes from the source's, so segments line up across renditions,
/// and keep its timestamps (<c>-copyts</c>), which the packager maps back to when the media arrived.
/// </summary>
public static class LiveTranscodeCommand
{
    public static IReadOnlyList<string> Arguments(IReadOnlyList<LiveRung> rungs, IReadOnlyDictionary<string, string> socketPaths, string preset, LiveHlsTiming timing)
    {
        var args = new List<string>
        {
            "-hide_banner", "-nostats", "-loglevel", "warning",
            // A probe of half a second is enough (the session starts ffmpeg at a keyframe, after the sequence headers);
            // less silently drops the video stream.
            "-protocol_whitelist", "pipe,unix", "-analyzeduration", "500000", "-probesize", "2000000",
            "-f", "flv", "-i", "pipe:0",
            "-copyts", "-fps_mode", "passthrough",
        };
        var encoded = rungs.Where(r => !r.PassThrough).ToList();
        if (encoded.Count > 0)
        {
            var graph = encoded.Count == 1
                ? $"[0:v]scale={encoded[0].Width}:{encoded[0].Height}[v0]"
                : $"[0:v]split={encoded.Count}{string.Concat(encoded.Select((_, i) => $"[s{i}]"))};"
                  + string.Join(';', encoded.Select((r, i) => $"[s{i}]scale={r.Width}:{r.Height}[v{i}]"));
            args.AddRange(["-filter_complex", graph]);
        }
        var fragment = timing.FragmentMicroseconds.ToString(CultureInfo.InvariantCulture);
        foreach (var rung in rungs)
        {
            if (rung.PassThrough)
            {
                args.AddRange(["-map", "0:v:0", "-c:v", "copy"]);
            }
            else
            {
                var kbps = rung.VideoKbps.ToString(CultureInfo.InvariantCulture);
                args.AddRange(
                [
                    "-map", $"[v{encoded.IndexOf(rung)}]",
                    "-c:v", "libx264", "-preset", preset, "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                    "-b:v", $"{kbps}k", "-maxrate", $"{kbps}k", "-bufsize", $"{kbps}k",
                    "-force_key_frames", "source", "-g", "100000", "-sc_threshold", "0",
                ]);
            }
            // Audio when the stream has any (it may start after the first keyframe): copied, it is AAC already.
            args.AddRange(["-map", "0:a:0?", "-c:a", "copy"]);
            args.AddRange(
            [
                "-f", "mp4", "-movflags", "frag_keyframe+empty_moov+default_base_moof", "-frag_duration", fragment,
                "-flush_packets", "1", $"unix:{socketPaths[rung.Name]}",
            ]);
        }
        return args;
    }
}
