using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Framecast.Infrastructure.Media;

/// <summary>Reads <c>ffprobe -print_format json -show_format -show_streams</c> output. Pure, so it is tested on captured samples.</summary>
public static partial class FfprobeJsonParser
{
    /// <param name="packetsCounted">The output is from a <c>-count_packets</c> run, where a stream without a count held none.</param>
    /// <exception cref="JsonException">Not ffprobe JSON.</exception>
    public static MediaInfo Parse(string json, bool packetsCounted = false)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var format = root.TryGetProperty("format", out var f) ? f : default;
        var streams = root.TryGetProperty("streams", out var s) && s.ValueKind == JsonValueKind.Array ? [.. s.EnumerateArray()] : Array.Empty<JsonElement>();

        var videoElement = streams.FirstOrDefault(IsDecodableVideo);
        var audioElement = streams.FirstOrDefault(e => Text(e, "codec_type") == "audio" && Text(e, "codec_name") is not null);
        var video = videoElement.ValueKind == JsonValueKind.Object ? ReadVideo(videoElement, packetsCounted) : null;
        var audio = audioElement.ValueKind == JsonValueKind.Object
            ? new AudioStreamInfo(Text(audioElement, "codec_name")!, (int)Number(audioElement, "channels"), (int)Number(audioElement, "sample_rate"))
            : null;

        var duration = Number(format, "duration");
        if (duration <= 0 && videoElement.ValueKind == JsonValueKind.Object)
        {
            duration = Number(videoElement, "duration");
        }
        return new MediaInfo(Text(format, "format_name") ?? "", duration, (long)Number(format, "size"), video, audio);
    }

    // Cover art in audio files is a one-frame "video" stream; an unknown codec has no codec_name and cannot be decoded.
    private static bool IsDecodableVideo(JsonElement stream) =>
        Text(stream, "codec_type") == "video"
        && Text(stream, "codec_name") is not null
        && Number(stream, "width") > 0 && Number(stream, "height") > 0
        && !(stream.TryGetProperty("disposition", out var d) && Number(d, "attached_pic") == 1);

    private static VideoStreamInfo ReadVideo(JsonElement stream, bool packetsCounted)
    {
        var width = (int)Number(stream, "width");
        var height = (int)Number(stream, "height");
        var rotation = Rotation(stream);
        var shownWidth = (int)Math.Round(width * SampleAspectRatio(stream));
        var (displayWidth, displayHeight) = rotation is 90 or 270 ? (height, shownWidth) : (shownWidth, height);
        var pixelFormat = Text(stream, "pix_fmt");
        var frameRate = Rational(Text(stream, "avg_frame_rate"));
        if (frameRate <= 0)
        {
            frameRate = Rational(Text(stream, "r_frame_rate"));
        }
        return new VideoStreamInfo(
            Text(stream, "codec_name")!, width, height, displayWidth, displayHeight, rotation, frameRate,
            pixelFormat, BitDepth(pixelFormat, stream), Text(stream, "color_transfer"), PacketCount(stream, packetsCounted),
            Text(stream, "profile"), (int)Number(stream, "level"), (long)Number(stream, "bit_rate"));
    }

    // ffprobe -count_packets leaves nb_read_packets out of a stream it read no packet of.
    private static long PacketCount(JsonElement stream, bool counted) =>
        !counted ? -1 : stream.TryGetProperty("nb_read_packets", out _) ? (long)Number(stream, "nb_read_packets") : 0;

    private static int Rotation(JsonElement stream)
    {
        double degrees = 0;
        if (stream.TryGetProperty("side_data_list", out var sideData) && sideData.ValueKind == JsonValueKind.Array)
        {
            degrees = sideData.EnumerateArray().Select(d => Number(d, "rotation")).FirstOrDefault(r => r != 0);
        }
        // Files written before the display matrix became the norm, and ffprobe < 5.0, carry it as a "rotate" tag.
        if (degrees == 0 && stream.TryGetProperty("tags", out var tags))
        {
            degrees = Number(tags, "rotate");
        }
        var rounded = (int)Math.Round(degrees / 90) * 90;
        return ((rounded % 360) + 360) % 360;
    }

    private static double SampleAspectRatio(JsonElement stream)
    {
        var parts = Text(stream, "sample_aspect_ratio")?.Split(':');
        return parts is [var n, var d] && int.TryParse(n, CultureInfo.InvariantCulture, out var num) && int.TryParse(d, CultureInfo.InvariantCulture, out var den)
            && num > 0 && den > 0 ? (double)num / den : 1;
    }

    private static int BitDepth(string? pixelFormat, JsonElement stream)
    {
        if (pixelFormat is not null && DepthSuffix().Match(pixelFormat) is { Success: true } match)
        {
            return int.Parse(match.Groups["depth"].Value, CultureInfo.InvariantCulture);
        }
        var raw = (int)Number(stream, "bits_per_raw_sample");
        return raw > 0 ? raw : 8;
    }

    private static double Rational(string? value)
    {
        var parts = value?.Split('/');
        return parts is [var n, var d] && double.TryParse(n, CultureInfo.InvariantCulture, out var num)
            && double.TryParse(d, CultureInfo.InvariantCulture, out var den) && den != 0 ? num / den : 0;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    // ffprobe writes some numbers as JSON numbers (width) and others as strings (duration, size, sample_rate), "N/A" when unknown.
    private static double Number(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return 0;
        }
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 0,
        };
    }

    // yuv420p10le, p010le, gray12be, yuv444p16le…; formats without a suffix (yuv420p, nv12) are 8-bit.
    [GeneratedRegex(@"^(?:.*(?:p|gray)|p0)(?<depth>\d{2})(?:le|be)$")]
    private static partial Regex DepthSuffix();
}
