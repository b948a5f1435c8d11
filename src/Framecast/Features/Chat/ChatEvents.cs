using Framecast.Features.Accounts;

namespace Framecast.Features.Chat;

// One record per real-time event (the hub's method names are in ChatRooms.Events).

/// <summary><c>message</c>: said in a broadcast's chat; <see cref="OffsetMs"/> is since the broadcast began.</summary>
public sealed record MessageEvent(string Id, string SessionId, UserSummary Author, string Text, string Mode, string Color, DateTime SentAt, long OffsetMs);

/// <summary><c>danmaku</c>: posted on a video at <see cref="OffsetMs"/> of its playback.</summary>
public sealed record DanmakuEvent(string Id, string VideoId, UserSummary Author, long OffsetMs, string Text, string Mode, string Color, string Size, DateTime SentAt);

/// <summary><c>deleted</c>: a message or danmaku removed; every viewer drops it.</summary>
public sealed record DeletedEvent(string Kind, string Id, string? SessionId, string? VideoId);

/// <summary><c>banned</c>: an account barred from the channel's chat (null <see cref="Until"/>: for good).</summary>
public sealed record BannedEvent(string SessionId, UserSummary User, DateTime? Until, string Reason);

/// <summary><c>viewers</c>: the broadcast's distinct viewers now.</summary>
public sealed record ViewersEvent(string SessionId, int Viewers);

/// <summary><c>ended</c>: the broadcast ended; its chat is closed.</summary>
public sealed record EndedEvent(string SessionId);
