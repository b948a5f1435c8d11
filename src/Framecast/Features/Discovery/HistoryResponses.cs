using Framecast.Features.Videos;

namespace Framecast.Features.Discovery;

public sealed record ProgressRequest(double? PositionSeconds);

/// <summary>One watched video: where the account stopped, when, and how far that is (0–1; 0 when the length is unknown).</summary>
public sealed record HistoryItem(VideoResponse Video, double PositionSeconds, DateTime WatchedAt, double Progress);

public sealed record HistorySettingsResponse(bool Paused);

public sealed record HistorySettingsRequest(bool? Paused);

/// <summary>A list that is not paged (trending, related).</summary>
public sealed record ListResponse(IReadOnlyList<VideoResponse> Items);
