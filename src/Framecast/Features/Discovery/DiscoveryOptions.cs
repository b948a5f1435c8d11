using System.ComponentModel.DataAnnotations;

namespace Framecast.Features.Discovery;

public sealed class DiscoveryOptions
{
    public const string Section = "Discovery";

    /// <summary>How often a worker recomputes the trending lists (and once at start).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TrendingInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An event this old counts half as much as one happening now.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TrendingHalfLife { get; set; } = TimeSpan.FromHours(36);

    /// <summary>Events older than this (and videos published before it) no longer count.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan TrendingWindow { get; set; } = TimeSpan.FromDays(7);
}
