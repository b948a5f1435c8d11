namespace Framecast.Features.Notifications;

/// <summary>What every recipient of one event gets (each row adds its own id and recipient).</summary>
public sealed record NotificationDraft(
    string Type,
    string Subject,
    string ActorUsername,
    string? VideoId = null,
    string? VideoTitle = null,
    string? SessionId = null,
    string? CommentId = null,
    string? CommentExcerpt = null,
    string? GiftName = null,
    int? GiftCount = null,
    long? GiftCoins = null,
    string? Message = null)
{
    public const int ExcerptLength = 140;

    public static string Excerpt(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= ExcerptLength ? flat : flat[..(ExcerptLength - 1)] + "…";
    }
}
