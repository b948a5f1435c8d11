namespace Framecast.Features.Videos;

/// <summary>
/// What another feature removes of a video being deleted (its comments, its uploads …). <see cref="VideoDeletionJob"/>
/// runs every registered step before the video's row goes; each step must tolerate having run already.
/// </summary>
public interface IVideoDeletionStep
{
    Task RemoveForVideoAsync(string videoId, CancellationToken cancellationToken);
}
