namespace Framecast.Features.Live.Recordings;

/// <summary>
/// What other features do when a broadcast's recording becomes a video (the chat becomes its danmaku), in the same
/// transaction as the video: a recording is never left half carried over.
/// </summary>
public interface ILiveRecordingStep
{
    Task OnRecordedAsync(LiveSession session, string videoId, LiveTimeline timeline, CancellationToken cancellationToken);
}
