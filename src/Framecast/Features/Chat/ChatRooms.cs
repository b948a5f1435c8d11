using Microsoft.AspNetCore.SignalR;

namespace Framecast.Features.Chat;

/// <summary>
/// The hub's rooms (SignalR groups: a broadcast's chat, a video's danmaku) and what is sent to them. Through the Redis
/// backplane when one is configured, so a viewer on any node gets it.
/// </summary>
/// <remarks>
/// A send to a room completes when every member took it, so one client that stopped reading would hold its sender
/// until that client is dropped (<c>Realtime:SendTimeout</c>). The sender is answered once the item is stored; the
/// fan-out goes on without it, and what a slow client holds is bounded by its buffer and the send timeout.
/// </remarks>
public sealed class ChatRooms(IHubContext<LiveHub> hub, ILogger<ChatRooms> logger)
{
    public static string Live(string sessionId) => "live:" + sessionId;

    public static string Video(string videoId) => "video:" + videoId;

    public void Message(MessageEvent message) => Publish(Live(message.SessionId), "message", message);

    public void Danmaku(DanmakuEvent danmaku) => Publish(Video(danmaku.VideoId), "danmaku", danmaku);

    public void Deleted(DeletedEvent deleted) => Publish(deleted.SessionId is { } session ? Live(session) : Video(deleted.VideoId!), "deleted", deleted);

    public void Banned(BannedEvent banned) => Publish(Live(banned.SessionId), "banned", banned);

    public void Viewers(ViewersEvent viewers) => Publish(Live(viewers.SessionId), "viewers", viewers);

    /// <summary>A gift, heard in the broadcast's room or the video's (the Gifts feature owns its shape).</summary>
    public void Gift(string? sessionId, string? videoId, object gift) => Publish(sessionId is not null ? Live(sessionId) : Video(videoId!), "gift", gift);

    public void Ended(EndedEvent ended) => Publish(Live(ended.SessionId), "ended", ended);

    private void Publish(string room, string method, object item) => _ = PublishAsync(room, method, item);

    private async Task PublishAsync(string room, string method, object item)
    {
        try
        {
            await hub.Clients.Group(room).SendAsync(method, item);
        }
        catch (Exception e)
        {
            // The item is stored: clients that missed it get it from REST when they (re)join.
            logger.LogWarning(e, "Sending {Method} to {Room} failed", method, room);
        }
    }
}
