using Microsoft.AspNetCore.SignalR;

namespace Framecast.Features.Chat;

/// <summary>
/// The hub's rooms (SignalR groups: a broadcast's chat, a video's danmaku) and what is sent to them. Through the Redis
/// backplane when one is configured, so a viewer on any node gets it.
/// </summary>
public sealed class ChatRooms(IHubContext<LiveHub> hub)
{
    public static string Live(string sessionId) => "live:" + sessionId;

    public static string Video(string videoId) => "video:" + videoId;

    public Task MessageAsync(MessageEvent message) => hub.Clients.Group(Live(message.SessionId)).SendAsync("message", message);

    public Task DanmakuAsync(DanmakuEvent danmaku) => hub.Clients.Group(Video(danmaku.VideoId)).SendAsync("danmaku", danmaku);

    public Task DeletedAsync(DeletedEvent deleted) =>
        hub.Clients.Group(deleted.SessionId is { } session ? Live(session) : Video(deleted.VideoId!)).SendAsync("deleted", deleted);

    public Task BannedAsync(BannedEvent banned) => hub.Clients.Group(Live(banned.SessionId)).SendAsync("banned", banned);

    public Task ViewersAsync(ViewersEvent viewers) => hub.Clients.Group(Live(viewers.SessionId)).SendAsync("viewers", viewers);

    public Task EndedAsync(EndedEvent ended) => hub.Clients.Group(Live(ended.SessionId)).SendAsync("ended", ended);
}
