namespace Framecast.Features.Chat;

/// <summary>What a client learns on joining a room: whether it may send (and why not), whether it may moderate.</summary>
public sealed record RoomState(string Room, bool CanSend, string? Reason, bool Moderator, int? Viewers);
