namespace Framecast.Features.Live;

public enum LiveSessionStatus
{
    Live,
    Reconnecting,
    Ended,
}
