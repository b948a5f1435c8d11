using Framecast.Features.Videos;

namespace Framecast.Features.Playback;

/// <summary>What serving media needs to know about a video; cached for a moment because every segment asks.</summary>
public sealed record PlaybackVideo(string Id, string OwnerId, Visibility Visibility, VideoStatus Status, bool Playable, bool HasThumbnail, IReadOnlySet<string> Renditions,
    bool Held = false)
{
    public bool IsPrivate => Visibility == Visibility.Private;

    public static PlaybackVideo From(Video v) =>
        new(v.Id, v.OwnerId, v.Visibility, v.Status, v.Playable, v.HasThumbnail, v.Renditions.Select(r => r.Name).ToHashSet(StringComparer.Ordinal), v.ModerationHold != 0);
}
