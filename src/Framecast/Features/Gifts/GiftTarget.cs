using Framecast.Features.Accounts;
using Framecast.Features.Live;
using Framecast.Features.Videos;
using Framecast.Features.Wallet;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Gifts;

/// <summary>Where a gift goes: a broadcast that is on, or a video the sender can watch; either way, to its channel.</summary>
public sealed record GiftTarget(string ChannelId, string? SessionId, string? VideoId)
{
    /// <summary>A broadcast that is on: gifts are sent while it is.</summary>
    public static async Task<(GiftTarget? Target, WalletRefusal? Refusal)> LiveAsync(FramecastDbContext db, string sessionId, CancellationToken cancellationToken)
    {
        var (target, refusal, ended) = await FindLiveAsync(db, sessionId, cancellationToken);
        return ended
            ? (null, new WalletRefusal(409, "gift.broadcast_ended", "The broadcast has ended", "Gifts go to a broadcast while it is on; this one has ended."))
            : (target, refusal);
    }

    /// <summary>A broadcast on or ended: what was sent to it stays readable.</summary>
    public static async Task<(GiftTarget? Target, WalletRefusal? Refusal)> LiveOrEndedAsync(FramecastDbContext db, string sessionId, CancellationToken cancellationToken)
    {
        var (target, refusal, _) = await FindLiveAsync(db, sessionId, cancellationToken);
        return (target, refusal);
    }

    private static async Task<(GiftTarget? Target, WalletRefusal? Refusal, bool Ended)> FindLiveAsync(FramecastDbContext db, string sessionId, CancellationToken cancellationToken)
    {
        var session = Ids.IsValid(sessionId)
            ? await db.Set<LiveSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            : null;
        return session is null
            ? (null, new WalletRefusal(404, "live.not_found", "Not found", "No such broadcast."), false)
            : (new GiftTarget(session.UserId, session.Id, null), null, session.Status == LiveSessionStatus.Ended);
    }

    public static async Task<(GiftTarget? Target, WalletRefusal? Refusal)> VideoAsync(VideosService videos, string videoId, Viewer sender, CancellationToken cancellationToken)
    {
        var video = await videos.FindVisibleAsync(videoId, sender, cancellationToken);
        return video is null || video.Status != VideoStatus.Ready
            ? (null, new WalletRefusal(404, "video.not_found", "Not found", "No such video."))
            : (new GiftTarget(video.OwnerId, null, video.Id), null);
    }
}
