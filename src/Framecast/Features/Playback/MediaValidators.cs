using System.Globalization;

namespace Framecast.Features.Playback;

/// <summary>The validators a media file is sent with.</summary>
public static class MediaValidators
{
    /// <summary>Strong: the length and the modification time to the tick, so a rewritten file never matches.</summary>
    public static string EntityTag(long length, DateTime lastWriteUtc) =>
        $"\"{length.ToString("x", CultureInfo.InvariantCulture)}-{lastWriteUtc.Ticks.ToString("x", CultureInfo.InvariantCulture)}\"";

    /// <summary>HTTP dates carry whole seconds; ASP.NET Core's file results truncate the same way.</summary>
    public static string LastModified(DateTime lastWriteUtc) =>
        new DateTime(lastWriteUtc.Ticks - (lastWriteUtc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).ToString("R", CultureInfo.InvariantCulture);
}
