namespace Framecast.Features.Notifications;

/// <summary>
/// Something that happened for one account. It carries copies of what it shows (names, titles, an excerpt), so listing
/// never reaches into other features' tables; (user, type, subject) is unique, so a re-run fan-out adds nothing twice.
/// </summary>
public sealed class Notification
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Type { get; init; }

    /// <summary>What it is about, for the uniqueness key: a video, broadcast, comment or gift-send id.</summary>
    public required string Subject { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ReadAt { get; set; }
    public required string ActorUsername { get; init; }
    public string? VideoId { get; init; }
    public string? VideoTitle { get; init; }
    public string? SessionId { get; init; }
    public string? CommentId { get; init; }
    public string? CommentExcerpt { get; init; }
    public string? GiftName { get; init; }
    public int? GiftCount { get; init; }
    public long? GiftCoins { get; init; }

    /// <summary>A sentence from the site (a report's outcome, a takedown's reason).</summary>
    public string? Message { get; init; }
}
