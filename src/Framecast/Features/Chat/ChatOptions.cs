using System.ComponentModel.DataAnnotations;

namespace Framecast.Features.Chat;

public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>Messages (chat and danmaku together) an account may send at once before the steady rate applies.</summary>
    [Range(1, 1000)]
    public int RateBurst { get; set; } = 5;

    /// <summary>The steady rate afterwards, per account.</summary>
    [Range(0.01, 1000)]
    public double RatePerSecond { get; set; } = 1;

    /// <summary>Danmaku shown per video: the newest this many; older ones stay stored but stop showing (Bilibili's pool).</summary>
    [Range(1, 1_000_000)]
    public int DanmakuPoolSize { get; set; } = 3000;
}
