namespace Framecast.Features.Gifts;

/// <summary>One accepted send: a gift (times <see cref="Count"/>) from a viewer to a channel, during a broadcast or on a video.</summary>
public sealed class GiftSend
{
    public required string Id { get; init; }
    public required string TransactionId { get; init; }
    public required string GiftId { get; init; }

    /// <summary>The gift's name when it was sent (the catalogue may rename it later).</summary>
    public required string GiftName { get; init; }

    public required string SenderId { get; init; }
    public required string ChannelId { get; init; }
    public string? SessionId { get; init; }
    public string? VideoId { get; init; }
    public int Count { get; init; }
    public long TotalCoins { get; init; }
    public DateTime CreatedAt { get; init; }
}
