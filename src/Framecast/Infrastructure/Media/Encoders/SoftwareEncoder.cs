using System.Globalization;
using Microsoft.Extensions.Options;

namespace Framecast.Infrastructure.Media.Encoders;

/// <summary>libx264, High profile, 8-bit 4:2:0: what every browser and phone decodes in hardware.</summary>
public sealed class SoftwareEncoder(IOptions<ProcessingOptions> options) : IVideoEncoder
{
    // (level, max macroblocks per frame, max macroblocks per second) from H.264 Annex A, table A-1.
    private static readonly (int Level, int FrameMbs, int MbsPerSecond)[] Levels =
    [
        (30, 1620, 40500), (31, 3600, 108000), (32, 5120, 216000), (40, 8192, 245760), (42, 8704, 522240),
        (50, 22080, 589824), (51, 36864, 983040), (52, 36864, 2073600),
    ];

    public string Name => "libx264";

    public IReadOnlyList<string> Arguments(IReadOnlyList<PlannedRung> rungs, int frameRate, int segmentSeconds, int firstStream = 0)
    {
        var gop = (frameRate * segmentSeconds).ToString(CultureInfo.InvariantCulture);
        // Fixed GOP with no scene-cut keyframes, plus forced keyframes on the segment clock: every rendition cuts
        // its segments at the same instants, so players can switch between them at any segment boundary.
        string[] common =
        [
            "-c:v", Name, "-preset", options.Value.Preset, "-profile:v", "high", "-pix_fmt", "yuv420p",
            "-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
            "-force_key_frames", $"expr:gte(t,n_forced*{segmentSeconds.ToString(CultureInfo.InvariantCulture)})",
        ];
        // With a copied stream before ours, every option names its stream: an encoder option on a copy is an error.
        List<string> args = firstStream == 0
            ? [.. common]
            : [.. Enumerable.Range(firstStream, rungs.Count).SelectMany(i => common.Select((arg, n) => n % 2 == 0 ? ForStream(arg, i) : arg))];
        for (var r = 0; r < rungs.Count; r++)
        {
            var rung = rungs[r];
            var i = firstStream + r;
            var level = Level(rung, frameRate);
            // Capped VBR: 10% headroom over the target, a two-second buffer; keeps segment sizes near BANDWIDTH.
            args.AddRange(
            [
                $"-b:v:{i}", Kbps(rung.VideoKbps), $"-maxrate:v:{i}", Kbps(rung.VideoKbps * 11 / 10),
                $"-bufsize:v:{i}", Kbps(rung.VideoKbps * 2), $"-level:v:{i}", $"{level / 10}.{level % 10}",
            ]);
        }
        return args;
    }

    public string CodecString(PlannedRung rung, int frameRate) => $"avc1.6400{Level(rung, frameRate):x2}";

    /// <summary>The lowest level that fits the picture size and rate, but at least 3.0, which every device decodes.</summary>
    internal static int Level(PlannedRung rung, int frameRate)
    {
        var frameMbs = ((rung.Width + 15) / 16) * ((rung.Height + 15) / 16);
        var perSecond = (long)frameMbs * Math.Max(1, frameRate);
        foreach (var (level, maxFrame, maxRate) in Levels)
        {
            if (frameMbs <= maxFrame && perSecond <= maxRate)
            {
                return level;
            }
        }
        return Levels[^1].Level;
    }

    // "-c:v" → "-c:v:2", "-preset" → "-preset:v:2".
    private static string ForStream(string option, int stream) =>
        option.EndsWith(":v", StringComparison.Ordinal) ? $"{option}:{stream}" : $"{option}:v:{stream}";

    private static string Kbps(int kbps) => $"{kbps.ToString(CultureInfo.InvariantCulture)}k";
}
