using Framecast.Features.Live.Rtmp;

namespace Framecast.Features.Live.Broadcasts;

/// <summary>
/// What a publisher says about its stream (onMetaData) and what its FLV tags show (codecs, keyframes), checked
/// before anything reaches ffmpeg: H.264 and AAC only, as ffmpeg 5.1 reads them from FLV.
/// </summary>
public sealed class PublishedStream
{
    public int Width { get; private set; }
    public int Height { get; private set; }
    public double FrameRate { get; private set; }
    public int VideoKbps { get; private set; }
    public int AudioKbps { get; private set; }
    public bool HasAudio { get; private set; }
    public bool HasVideo { get; private set; }

    public void OnMetadata(byte[] payload)
    {
        List<object?> values;
        try
        {
            values = Amf0.ReadAll(payload);
        }
        catch (RtmpProtocolException)
        {
            return; // metadata is a courtesy; a broken one changes nothing
        }
        if (values.OfType<Dictionary<string, object?>>().FirstOrDefault() is not { } meta)
        {
            return;
        }
        Width = Whole(meta, "width");
        Height = Whole(meta, "height");
        VideoKbps = Whole(meta, "videodatarate");
        AudioKbps = Whole(meta, "audiodatarate");
        FrameRate = meta.GetValueOrDefault("framerate") as double? ?? 0;
        // Refused here, before the first keyframe starts a transcoder, when the metadata already says it: FLV codec
        // ids (7 AVC, 10 AAC), or a FourCC number from Enhanced RTMP.
        if (meta.GetValueOrDefault("videocodecid") is double video && video is not (7 or 0))
        {
            throw new LiveRefusedException(video > 255 ? EnhancedRtmp : $"The video codec (FLV codec id {video}) is not H.264: set the encoder to H.264 (x264 or an H.264 hardware encoder).");
        }
        if (meta.GetValueOrDefault("audiocodecid") is double audio && audio is not (10 or 0))
        {
            throw new LiveRefusedException(audio > 255 ? NotAac("an Enhanced RTMP codec") : NotAac($"FLV sound format {audio}"));
        }
    }

    private const string EnhancedRtmp =
        "This stream is HEVC or AV1 (Enhanced RTMP), which Framecast cannot ingest yet: set the encoder to H.264 (in OBS: Settings → Output → Encoder: x264 or an H.264 hardware encoder).";

    private static string NotAac(string what) => $"The audio codec ({what}) is not AAC: set the audio encoder to AAC.";

    /// <summary>Checks a video tag; true when it is a keyframe carrying pictures (not a sequence header).</summary>
    public bool OnVideo(byte[] payload)
    {
        if (payload.Length < 2)
        {
            return false;
        }
        if ((payload[0] & 0x80) != 0)
        {
            throw new LiveRefusedException(EnhancedRtmp);
        }
        if ((payload[0] & 0x0F) != 7)
        {
            throw new LiveRefusedException($"The video codec (FLV codec id {payload[0] & 0x0F}) is not H.264: set the encoder to H.264 (x264 or an H.264 hardware encoder).");
        }
        HasVideo = true;
        return payload[0] >> 4 == 1 && payload[1] == 1;
    }

    public void OnAudio(byte[] payload)
    {
        if (payload.Length < 1)
        {
            return;
        }
        if (payload[0] >> 4 != 10)
        {
            throw new LiveRefusedException(NotAac($"FLV sound format {payload[0] >> 4}"));
        }
        HasAudio = true;
    }

    private static int Whole(Dictionary<string, object?> meta, string key) =>
        meta.GetValueOrDefault(key) is double value && double.IsFinite(value) && value is > 0 and < 1_000_000 ? (int)Math.Round(value) : 0;
}
