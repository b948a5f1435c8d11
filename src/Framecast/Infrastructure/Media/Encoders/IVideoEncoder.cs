namespace Framecast.Infrastructure.Media.Encoders;

/// <summary>One video encoding backend (libx264 now; NVENC and VAAPI later, one file each).</summary>
public interface IVideoEncoder
{
    /// <summary>ffmpeg's encoder name, e.g. <c>libx264</c>; what <see cref="EncoderCheck"/> must find.</summary>
    string Name { get; }

    /// <summary>
    /// Output arguments for the video streams <c>v:first</c>…, one per rung in order, encoded at a constant
    /// <paramref name="frameRate"/> with a keyframe exactly every <paramref name="segmentSeconds"/>. Streams before
    /// <paramref name="firstStream"/> are not this encoder's (a copied top rung).
    /// </summary>
    IReadOnlyList<string> Arguments(IReadOnlyList<PlannedRung> rungs, int frameRate, int segmentSeconds, int firstStream = 0);

    /// <summary>The RFC 6381 codec string of a rung's stream, as the HLS <c>CODECS</c> attribute wants it (e.g. <c>avc1.64001f</c>).</summary>
    string CodecString(PlannedRung rung, int frameRate);
}
