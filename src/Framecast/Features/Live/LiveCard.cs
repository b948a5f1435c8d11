namespace Framecast.Features.Live;

/// <summary>A broadcast going on now, as the pages show it in a grid.</summary>
public sealed record LiveCard(string SessionId, string Username, string Title, int Viewers, DateTime StartedAt, string? ThumbnailUrl, bool Reconnecting);
