using Framecast.Features.Accounts;
using Framecast.Features.Live;
using Framecast.Features.Videos;
using Microsoft.AspNetCore.SignalR;

namespace Framecast.Features.Chat;

/// <summary>
/// <c>/hubs/live</c>: a client joins rooms (a broadcast's chat, a video's danmaku) and gets their events as they
/// happen. Anyone may watch; sending needs a signed-in account and goes through the same rules as REST.
/// </summary>
public sealed class LiveHub(ChatService chat, DanmakuService danmaku, ChatGate gate, ModerationService moderation, VideosService videos) : Hub
{
    /// <summary>Rooms one connection may be in at once: a page needs one or two.</summary>
    public const int MaxRooms = 8;

    public async Task<RoomState> JoinLive(string sessionId)
    {
        var session = await chat.FindSessionAsync(sessionId ?? "", Context.ConnectionAborted) ?? throw new HubException("live.not_found: No such broadcast.");
        await JoinAsync(ChatRooms.Live(session.Id));
        var viewer = Viewer.From(Context.User!);
        var (canSend, reason) = session.Status == LiveSessionStatus.Ended ? (false, "The broadcast has ended.") : await CanSendAsync(session.UserId, viewer);
        return new RoomState(ChatRooms.Live(session.Id), canSend, reason, await moderation.MayModerateAsync(session.UserId, viewer, Context.ConnectionAborted),
            session.Status == LiveSessionStatus.Ended ? 0 : session.Viewers);
    }

    public Task LeaveLive(string sessionId) => LeaveAsync(ChatRooms.Live(sessionId ?? ""));

    public async Task<RoomState> JoinVideo(string videoId)
    {
        var viewer = Viewer.From(Context.User!);
        var video = await videos.FindVisibleAsync(videoId ?? "", viewer, Context.ConnectionAborted) ?? throw new HubException("video.not_found: Video not found.");
        await JoinAsync(ChatRooms.Video(video.Id));
        var (canSend, reason) = await CanSendAsync(video.OwnerId, viewer);
        return new RoomState(ChatRooms.Video(video.Id), canSend, reason, await moderation.MayModerateAsync(video.OwnerId, viewer, Context.ConnectionAborted), null);
    }

    public Task LeaveVideo(string videoId) => LeaveAsync(ChatRooms.Video(videoId ?? ""));

    public async Task<SendResult> SendMessage(string sessionId, SendMessageRequest request)
    {
        var (message, refusal) = await chat.SendAsync(sessionId ?? "", Viewer.From(Context.User!), request ?? new SendMessageRequest(null, null, null), Context.ConnectionAborted);
        return new SendResult(message, refusal is null ? null : SendError.From(refusal));
    }

    public async Task<SendResult> SendDanmaku(string videoId, SendDanmakuRequest request)
    {
        var (posted, refusal) = await danmaku.PostAsync(videoId ?? "", Viewer.From(Context.User!), request ?? new SendDanmakuRequest(null, null, null, null, null), Context.ConnectionAborted);
        return new SendResult(posted, refusal is null ? null : SendError.From(refusal));
    }

    private async Task<(bool, string?)> CanSendAsync(string channelId, Viewer viewer) =>
        await gate.CheckStandingAsync(channelId, viewer, Context.ConnectionAborted) is { } refusal ? (false, refusal.Detail) : (true, null);

    private async Task JoinAsync(string room)
    {
        var rooms = (HashSet<string>)(Context.Items.TryGetValue("rooms", out var existing) ? existing! : Context.Items["rooms"] = new HashSet<string>());
        if (!rooms.Contains(room) && rooms.Count >= MaxRooms)
        {
            throw new HubException($"chat.too_many_rooms: One connection joins at most {MaxRooms} rooms; leave one first.");
        }
        rooms.Add(room);
        await Groups.AddToGroupAsync(Context.ConnectionId, room, Context.ConnectionAborted);
    }

    private async Task LeaveAsync(string room)
    {
        if (Context.Items.TryGetValue("rooms", out var existing) && existing is HashSet<string> rooms)
        {
            rooms.Remove(room);
        }
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, room, Context.ConnectionAborted);
    }
}
