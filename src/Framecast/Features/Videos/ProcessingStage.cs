namespace Framecast.Features.Videos;

public enum ProcessingStage
{
    Queued,
    Probing,
    Remuxing,
    Thumbnails,
    Transcoding,
    Publishing,
}
