namespace Framecast.Features.Discovery;

/// <summary>Where one account stopped in one video: one row per (user, video), moved forward by each progress report.</summary>
public sealed class WatchEntry
{
    public required string UserId { get; init; }
    public required string VideoId { get; init; }
    public double PositionSeconds { get; set; }

    /// <summary>When the account first started the video (a "view" for trending and co-watching).</summary>
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}
