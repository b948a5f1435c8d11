using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Framecast.Infrastructure.Data;

/// <summary>Stores a UTC <see cref="DateTime"/> as integer microseconds since the Unix epoch (SQLite only).</summary>
public sealed class UtcMicrosecondsConverter() : ValueConverter<DateTime, long>(
    v => ToMicros(v),
    v => FromMicros(v))
{
    public static readonly UtcMicrosecondsConverter Instance = new();

    public static long ToMicros(DateTime value) => (value.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks) / 10;

    public static DateTime FromMicros(long value) => new(DateTime.UnixEpoch.Ticks + value * 10, DateTimeKind.Utc);
}
