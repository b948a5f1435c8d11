using Framecast.Features.Videos;

namespace Framecast.Features.Discovery;

/// <summary>The watch page's discovery parts: where to resume (null: from the start) and what to watch next.</summary>
public sealed record NextUp(double? ResumeAt, IReadOnlyList<VideoResponse> Related);
