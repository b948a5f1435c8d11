using System.Text.Json;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Jobs;

namespace Framecast.Features.Notifications;

/// <summary>Handles <c>gift.received</c>: the receiving channel hears who sent what (once per gift send).</summary>
public sealed class GiftReceivedNotifier(VideosService videos, NotificationWriter writer) : IJobHandler
{
    public async Task RunAsync(JobLease job, CancellationToken cancellationToken)
    {
        var gift = JsonSerializer.Deserialize<GiftReceivedPayload>(job.Payload, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Empty {GiftReceivedPayload.JobType} payload");
        if (string.IsNullOrEmpty(gift.GiftSendId) || string.IsNullOrEmpty(gift.ChannelUserId) || string.IsNullOrEmpty(gift.GiftName)
            || string.IsNullOrEmpty(gift.SenderUsername))
        {
            throw new InvalidOperationException($"{GiftReceivedPayload.JobType} payload lacks giftSendId, channelUserId, senderUsername or giftName");
        }
        var video = gift.VideoId is null ? null : await videos.FindForPlaybackAsync(gift.VideoId, cancellationToken);
        await writer.ToUserAsync(gift.ChannelUserId, new NotificationDraft(NotificationTypes.Gift, gift.GiftSendId, gift.SenderUsername,
            VideoId: video?.Id, VideoTitle: video?.Title, SessionId: gift.SessionId, GiftName: gift.GiftName, GiftCount: gift.Count, GiftCoins: gift.TotalCoins),
            cancellationToken);
    }
}
