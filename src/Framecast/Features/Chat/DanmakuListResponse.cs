namespace Framecast.Features.Chat;

public sealed record DanmakuListResponse(IReadOnlyList<DanmakuEvent> Items);
