using Framecast.Features.Videos;

namespace Framecast.Features.Discovery;

/// <summary>The home page's personal and trending rows (Live now and Latest come from their own features).</summary>
public sealed record HomeRows(IReadOnlyList<VideoResponse> Trending, IReadOnlyList<VideoResponse> FromFollowed, IReadOnlyList<HistoryItem> ContinueWatching);
