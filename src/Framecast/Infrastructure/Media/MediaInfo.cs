namespace Framecast.Infrastructure.Media;

/// <summary>What ffprobe found. <see cref="Video"/> is null when there is no decodable video (fail with <c>media.unsupported</c>).</summary>
/// <param name="FormatName">ffprobe's container list, e.g. <c>mov,mp4,m4a,3gp,3g2,mj2</c> or <c>matroska,webm</c>.</param>
/// <param name="DurationSeconds">0 when unknown.</param>
public sealed record MediaInfo(string FormatName, double DurationSeconds, long SizeBytes, VideoStreamInfo? Video, AudioStreamInfo? Audio);
