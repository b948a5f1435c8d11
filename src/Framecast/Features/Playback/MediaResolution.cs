namespace Framecast.Features.Playback;

/// <summary>
/// A media request decided: either <see cref="Refusal"/> (the answer to send instead), or the file to send with its
/// Cache-Control. <see cref="Token"/> is the token a private video's playlists must pass on.
/// </summary>
public sealed record MediaResolution(IResult? Refusal, PlaybackVideo? Video, string? Name, FileInfo? File, string? CacheControl, string? Token)
{
    public static MediaResolution Refused(IResult answer) => new(answer, null, null, null, null, null);

    /// <summary>A private video's playlist is rewritten per request (tokens), so only Framecast can send it.</summary>
    public bool IsRewrittenPlaylist => Video is { IsPrivate: true } && Name is not null && MediaFileNames.IsPlaylist(Name);
}
