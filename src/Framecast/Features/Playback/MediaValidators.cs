using System.Globalization;

namespace Framecast.Features.Playback;

/// <summary>The validators a media file is sent with.</summary>
public static class MediaValidators
{
    /// <summary>Strong: the length and the modification time to the tick, so a rewritten file never matches.</summary>
    public static string EntityTag(long length, DateTime lastWriteUtc) =>
        $"\"{length.ToString("x", CultureInfo.InvariantCulture)}-{lastWriteUtc.Ticks.ToString("x", CultureInfo.InvariantCulture)}\"";
}
