namespace Framecast.Features.Gifts;

/// <summary>
/// Enqueued with every accepted gift, in its transaction: whoever reacts to a received gift (the channel's notification)
/// registers a handler for <see cref="Type"/>; Gifts does not know them.
/// </summary>
public sealed record GiftReceivedJob(string GiftSendId, string ChannelUserId, string SenderUserId, string SenderUsername, string GiftName, int Count,
    long TotalCoins, string? SessionId, string? VideoId)
{
    public const string Type = "gift.received";
}
