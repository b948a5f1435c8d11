namespace Framecast.Features.Chat;

/// <summary>One moderation action, kept for the channel's owner and the admins: who did what to whom, and why.</summary>
public sealed class ModerationEntry
{
    public required string Id { get; init; }
    public required string ChannelId { get; init; }
    public required string ActorId { get; init; }
    public required string Action { get; init; }
    public required string Target { get; init; }
    public required string Reason { get; init; }
    public DateTime At { get; init; }
}
