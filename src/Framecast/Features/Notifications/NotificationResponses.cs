using System.Text.Json.Serialization;

namespace Framecast.Features.Notifications;

public sealed record NotificationActor(string Username);

public sealed record NotificationVideo(string Id, string Title);

public sealed record NotificationComment(string Id, string Excerpt);

public sealed record NotificationGift(string Name, int Count, long Coins);

/// <summary>One notification; the parts a type has no use for are left out.</summary>
public sealed record NotificationResponse(
    string Id,
    string Type,
    DateTime CreatedAt,
    bool Read,
    NotificationActor Actor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NotificationVideo? Video,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SessionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NotificationComment? Comment,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NotificationGift? Gift,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null)
{
    public static NotificationResponse From(Notification n) => new(
        n.Id,
        n.Type,
        n.CreatedAt,
        n.ReadAt is not null,
        new NotificationActor(n.ActorUsername),
        n.VideoId is null ? null : new NotificationVideo(n.VideoId, n.VideoTitle ?? ""),
        n.SessionId,
        n.CommentId is null ? null : new NotificationComment(n.CommentId, n.CommentExcerpt ?? ""),
        n.GiftName is null ? null : new NotificationGift(n.GiftName, n.GiftCount ?? 0, n.GiftCoins ?? 0),
        n.Message);
}

/// <summary>A page of notifications, and how many of all are unread.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationResponse> Items, string? NextCursor, int Unread);

public sealed record UnreadResponse(int Unread);

/// <summary>POST …/read: these ids (at most <see cref="MaxIds"/>), or every notification when none are given.</summary>
public sealed record MarkReadRequest(List<string>? Ids)
{
    public const int MaxIds = 100;
}
