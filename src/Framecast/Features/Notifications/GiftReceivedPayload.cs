namespace Framecast.Features.Notifications;

/// <summary>
/// The payload of the <c>gift.received</c> job that Gifts queues in a gift's transaction (camelCase JSON). Declared
/// here as the contract this handler reads, so Notifications needs nothing from Gifts.
/// </summary>
public sealed record GiftReceivedPayload(
    string GiftSendId,
    string ChannelUserId,
    string SenderUserId,
    string SenderUsername,
    string GiftName,
    int Count,
    long TotalCoins,
    string? SessionId,
    string? VideoId)
{
    public const string JobType = "gift.received";
}
