namespace Framecast.Infrastructure;

public static class ClockExtensions
{
    /// <summary>
    /// UTC now truncated to whole microseconds: PostgreSQL keeps microseconds, so every stored time (and every
    /// cursor built from one) compares the same on both providers.
    /// </summary>
    public static DateTime UtcNowMicros(this TimeProvider clock)
    {
        var ticks = clock.GetUtcNow().UtcTicks;
        return new DateTime(ticks - ticks % 10, DateTimeKind.Utc);
    }

    public static DateTime FromUnixSeconds(long seconds) =>
        DateTime.UnixEpoch.AddSeconds(Math.Clamp(seconds, -62135596800L, 253402300799L));
}
