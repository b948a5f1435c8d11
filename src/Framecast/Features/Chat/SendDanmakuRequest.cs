namespace Framecast.Features.Chat;

public sealed record SendDanmakuRequest(long? OffsetMs, string? Text, string? Mode, string? Color, string? Size);
