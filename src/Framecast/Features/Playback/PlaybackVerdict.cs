namespace Framecast.Features.Playback;

public enum PlaybackVerdict
{
    Allowed,
    NotFound,
}
