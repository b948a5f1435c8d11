using System.ComponentModel.DataAnnotations;

namespace Framecast.Features.Uploads;

public sealed class UploadsOptions
{
    public const string Section = "Uploads";

    /// <summary>Largest accepted file (advertised as <c>Tus-Max-Size</c>); 20 GiB by default.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>An unfinished upload idle this long is removed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often a worker looks for expired uploads.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(15);
}
