namespace Framecast.Features.Chat;

/// <summary>A channel's chat rules; a channel that never set them has the defaults (all off).</summary>
public sealed class ChatSettings
{
    public required string ChannelId { get; init; }
    public int SlowModeSeconds { get; set; }
    public bool FollowersOnly { get; set; }
    public int MinAccountAgeMinutes { get; set; }
    public List<string> BlockedWords { get; set; } = [];
}
