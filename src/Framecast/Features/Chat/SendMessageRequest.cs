namespace Framecast.Features.Chat;

public sealed record SendMessageRequest(string? Text, string? Mode, string? Color);
