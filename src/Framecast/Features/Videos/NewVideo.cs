namespace Framecast.Features.Videos;

/// <summary>What an uploader supplies for a new video (already validated by <see cref="VideoRules"/>).</summary>
public sealed record NewVideo(string Title, string Description = "", IReadOnlyList<string>? Tags = null, Visibility Visibility = Visibility.Public);
