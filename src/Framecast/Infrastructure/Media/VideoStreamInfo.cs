namespace Framecast.Infrastructure.Media;

/// <summary>The first decodable video stream.</summary>
/// <param name="Width">Stored width in pixels, before rotation and sample aspect ratio.</param>
/// <param name="DisplayWidth">What a viewer sees: after the sample aspect ratio and a 90/270° rotation. Plan renditions from these.</param>
/// <param name="Rotation">Degrees, normalised to 0, 90, 180 or 270.</param>
/// <param name="FrameRate">Average frames per second; 0 when ffprobe does not know.</param>
/// <param name="ColorTransfer">e.g. <c>bt709</c>, <c>smpte2084</c> (PQ), <c>arib-std-b67</c> (HLG); null when untagged.</param>
/// <param name="Profile">e.g. <c>High</c>, <c>Main</c>, <c>Constrained Baseline</c>; null when unknown.</param>
/// <param name="Level">The codec level as ffprobe gives it (H.264: 31 for 3.1); 0 when unknown.</param>
/// <param name="BitRate">The stream's bits per second; 0 when the container does not say.</param>
/// <param name="PacketCount">Video packets (about one per frame) the file really holds, counted by reading it through; -1 when not counted.</param>
public sealed record VideoStreamInfo(
    string Codec,
    int Width,
    int Height,
    int DisplayWidth,
    int DisplayHeight,
    int Rotation,
    double FrameRate,
    string? PixelFormat,
    int BitDepth,
    string? ColorTransfer,
    long PacketCount = -1,
    string? Profile = null,
    int Level = 0,
    long BitRate = 0)
{
    /// <summary>PQ or HLG: needs tone mapping to look right on SDR screens.</summary>
    public bool IsHdr => ColorTransfer is "smpte2084" or "arib-std-b67";
}
