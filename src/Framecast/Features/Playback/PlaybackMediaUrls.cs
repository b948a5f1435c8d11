using Framecast.Features.Videos;

namespace Framecast.Features.Playback;

/// <summary>The media routes of <see cref="PlaybackEndpoints"/>; a private video's URLs carry one signed token.</summary>
public sealed class PlaybackMediaUrls(PlaybackSigner signer) : IMediaUrls
{
    public Func<string, string> For(Video video)
    {
        var token = video.Visibility == Visibility.Private ? Uri.EscapeDataString(signer.Issue(video.Id)) : null;
        return file => token is null ? $"/media/{video.Id}/{file}" : $"/media/{video.Id}/{file}?token={token}";
    }
}
