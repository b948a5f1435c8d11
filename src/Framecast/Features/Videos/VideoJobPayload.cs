namespace Framecast.Features.Videos;

/// <summary>The payload of every job about one video.</summary>
public sealed record VideoJobPayload(string VideoId);
